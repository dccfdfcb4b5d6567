using BillingOne.BuildingBlocks.Data;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.Contracts.Events;
using BillingOne.Projection.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Projection.Data;

/// <summary>The <c>client_billing_snapshots</c> read model: written by consumers, read by the Clients API.</summary>
public sealed class ClientSnapshotStore(NpgsqlDataSource dataSource, TimeProvider timeProvider)
{
    private const string Columns = """
        client_id AS ClientId, name AS Name, enabled AS Enabled, time_zone AS TimeZone, mrr_amount AS MrrAmount,
        mrr_currency AS MrrCurrency, subscription_count AS Subscriptions, device_count AS Devices,
        license_count AS Licenses, status AS Status, updated_at AS UpdatedAt
        """;

    /// <summary>
    /// Records the client's identity from <paramref name="client"/> unless the read model already holds that
    /// version or a newer one (events may arrive out of order). The billing figures are left as they are.
    /// Returns whether the row changed.
    /// </summary>
    public async Task<bool> UpsertClientAsync(NpgsqlTransaction transaction, ClientUpserted client,
        CancellationToken cancellationToken)
    {
        var changed = await transaction.Connection!.ExecuteAsync(new CommandDefinition("""
            INSERT INTO client_billing_snapshots (org_id, client_id, name, enabled, time_zone, client_version, updated_at)
            VALUES (@OrgId, @ClientId, @Name, @Enabled, @TimeZone, @Version, @now)
            ON CONFLICT (org_id, client_id) DO UPDATE
            SET name = excluded.name, enabled = excluded.enabled, time_zone = excluded.time_zone,
                client_version = excluded.client_version, updated_at = excluded.updated_at
            WHERE client_billing_snapshots.client_version < excluded.client_version
            """, new
        {
            client.OrgId, client.ClientId, client.Name, client.Enabled, client.TimeZone, client.Version,
            now = timeProvider.GetUtcNow()
        }, transaction, cancellationToken: cancellationToken));
        return changed == 1;
    }

    /// <summary>A client-scoped caller sees only its own client (null scope: every client).</summary>
    private const string InScope = "(@clientScope::uuid IS NULL OR client_id = @clientScope)";

    public async Task<ClientBillingSnapshot?> FindAsync(Guid orgId, Guid? clientScope, Guid clientId,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<SnapshotRow>(new CommandDefinition($"""
            SELECT {Columns} FROM client_billing_snapshots WHERE org_id = @orgId AND client_id = @clientId AND {InScope}
            """, new { orgId, clientId, clientScope }, cancellationToken: cancellationToken));
        return row?.ToSnapshot();
    }

    public async Task<PagedResult<ClientBillingSnapshot>> ListAsync(Guid orgId, Guid? clientScope, ClientSnapshotQuery query,
        CancellationToken cancellationToken)
    {
        var conditions = new List<string> { "org_id = @orgId", InScope };
        if (query.Search is not null)
        {
            conditions.Add("name ILIKE @pattern");
        }
        if (query.Status is not null)
        {
            conditions.Add("status = @status");
        }
        var filter = string.Join(" AND ", conditions);
        var direction = query.Direction.ToSql();
        // Sort columns come from a closed set, never from the request text. Equal figures fall back to the name,
        // then the id, so pages are stable.
        var orderBy = query.Sort switch
        {
            ClientSnapshotSortField.Name => $"lower(name) {direction}, client_id {direction}",
            ClientSnapshotSortField.Subscriptions => $"subscription_count {direction}, lower(name), client_id",
            ClientSnapshotSortField.Devices => $"device_count {direction}, lower(name), client_id",
            ClientSnapshotSortField.Licenses => $"license_count {direction}, lower(name), client_id",
            _ => $"mrr_amount {direction}, lower(name), client_id",
        };
        var parameters = new
        {
            orgId,
            clientScope,
            pattern = query.Search is null ? null : LikePatterns.Containing(query.Search),
            status = query.Status?.ToCode(),
            limit = query.Page.PageSize,
            offset = query.Page.Offset,
        };

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition($"""
            SELECT count(*) FROM client_billing_snapshots WHERE {filter};
            SELECT {Columns} FROM client_billing_snapshots WHERE {filter}
            ORDER BY {orderBy} LIMIT @limit OFFSET @offset;
            """, parameters, cancellationToken: cancellationToken));
        var totalCount = await results.ReadSingleAsync<long>();
        var rows = await results.ReadAsync<SnapshotRow>();
        return new PagedResult<ClientBillingSnapshot>(rows.Select(row => row.ToSnapshot()).ToList(),
            query.Page.Page, query.Page.PageSize, totalCount);
    }


    private sealed record SnapshotRow(Guid ClientId, string Name, bool Enabled, string TimeZone, decimal MrrAmount,
        string? MrrCurrency, int Subscriptions, int Devices, int Licenses, string Status, DateTime UpdatedAt)
    {
        public ClientBillingSnapshot ToSnapshot() => new(ClientId, Name, Enabled, TimeZone, MrrAmount, MrrCurrency,
            Subscriptions, Devices, Licenses,
            ClientBillingStatuses.FromCode(Status)
                ?? throw new InvalidOperationException($"Unknown client billing status '{Status}' in the read model."),
            new DateTimeOffset(UpdatedAt, TimeSpan.Zero));
    }
}

using BillingOne.BuildingBlocks.Data;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.Projection.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Projection.Data;

/// <summary>
/// Reads the <c>client_billing_snapshots</c> read model (written by the event appliers) and the client's invoice copies.
/// A row whose client is not known yet (figures arrived before its ClientUpserted) is not shown.
/// </summary>
public sealed class ClientSnapshotStore(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        client_id AS ClientId, name AS Name, enabled AS Enabled, time_zone AS TimeZone, mrr_amount AS MrrAmount,
        mrr_currency AS MrrCurrency, subscription_count AS Subscriptions, device_count AS Devices,
        license_count AS Licenses, user_license_count AS UserLicenses, variance AS Variance, status AS Status,
        snapshot_taken_at AS SnapshotTakenAt, missed_billing_open AS MissedBillingOpen,
        missed_billing_currency AS MissedBillingCurrency, updated_at AS UpdatedAt
        """;

    /// <summary>Known clients a client-scoped caller may see: only its own (null scope: every client).</summary>
    public const string Shown = "client_version > 0 AND (@clientScope::uuid IS NULL OR client_id = @clientScope)";

    public async Task<ClientBillingSnapshot?> FindAsync(Guid orgId, Guid? clientScope, Guid clientId,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<SnapshotRow>(new CommandDefinition($"""
            SELECT {Columns} FROM client_billing_snapshots WHERE org_id = @orgId AND client_id = @clientId AND {Shown}
            """, new { orgId, clientId, clientScope }, cancellationToken: cancellationToken));
        return row?.ToSnapshot();
    }

    /// <summary>
    /// The client's invoice figures. The latest invoice is the one issued last (then changed last); voided and deleted
    /// invoices count as invoices but not as spend.
    /// </summary>
    public async Task<ClientInvoiceFigures> InvoiceFiguresAsync(Guid orgId, Guid clientId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleAsync<ClientInvoiceFigures>(new CommandDefinition("""
            WITH client_invoices AS (
                SELECT * FROM invoice_copies WHERE org_id = @orgId AND client_id = @clientId
            ), spend_currency AS (
                SELECT currency FROM client_invoices WHERE status NOT IN ('voided', 'deleted')
                ORDER BY issue_date DESC NULLS LAST, updated_at DESC, invoice_id DESC LIMIT 1
            )
            SELECT (SELECT count(*) FROM client_invoices) AS Invoices,
                   (SELECT sum(total) FROM client_invoices
                    WHERE status NOT IN ('voided', 'deleted') AND currency = (SELECT currency FROM spend_currency)) AS SpendAmount,
                   (SELECT currency FROM spend_currency) AS SpendCurrency,
                   (SELECT contact_name FROM client_invoices
                    ORDER BY issue_date DESC NULLS LAST, updated_at DESC, invoice_id DESC LIMIT 1) AS BillingContact
            """, new { orgId, clientId }, cancellationToken: cancellationToken));
    }

    public async Task<PagedResult<ClientBillingSnapshot>> ListAsync(Guid orgId, Guid? clientScope, ClientSnapshotQuery query,
        CancellationToken cancellationToken)
    {
        var conditions = new List<string> { "org_id = @orgId", Shown };
        if (query.Search is not null)
        {
            conditions.Add("name ILIKE @pattern");
        }
        if (query.Status is not null)
        {
            // A disabled client is listed (marked) but not reconciled: its last status is no longer a finding, and the
            // dashboard's under-licensed count, which links here, leaves it out too.
            conditions.Add("status = @status AND enabled");
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
        string? MrrCurrency, int Subscriptions, int Devices, int Licenses, int UserLicenses, int? Variance, string Status,
        DateTime? SnapshotTakenAt, decimal MissedBillingOpen, string? MissedBillingCurrency, DateTime UpdatedAt)
    {
        public ClientBillingSnapshot ToSnapshot() => new(ClientId, Name, Enabled, TimeZone, MrrAmount, MrrCurrency,
            Subscriptions, Devices, Licenses, UserLicenses, Variance,
            ClientBillingStatuses.FromCode(Status)
                ?? throw new InvalidOperationException($"Unknown client billing status '{Status}' in the read model."),
            SnapshotTakenAt is { } taken ? new DateTimeOffset(taken, TimeSpan.Zero) : null, MissedBillingOpen,
            MissedBillingCurrency, new DateTimeOffset(UpdatedAt, TimeSpan.Zero));
    }
}

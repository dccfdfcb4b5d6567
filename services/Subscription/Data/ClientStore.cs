using BillingOne.BuildingBlocks.Data;
using BillingOne.BuildingBlocks.Auditing;
using BillingOne.BuildingBlocks.Messaging;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.Contracts.Events;
using BillingOne.Subscription.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Subscription.Data;

public enum ClientWriteStatus
{
    Saved,
    Unchanged,
    NotFound,
    DuplicateName,
}

/// <summary>The outcome of a create or update; <see cref="Client"/> is set when it was saved or unchanged.</summary>
public sealed record ClientWriteResult(ClientWriteStatus Status, Client? Client = null);

/// <summary>
/// Reads and writes the <c>clients</c> table of one organization at a time. Every change bumps the client's
/// version and enqueues <see cref="ClientUpserted"/> in the same transaction, so the event exists exactly when
/// the change does.
/// </summary>
public sealed partial class ClientStore(
    NpgsqlDataSource dataSource, IOutbox outbox, IAuditTrail audit, ClientLicenseStore licenses, TimeProvider timeProvider,
    ILogger<ClientStore> logger)
{
    private const string NameUniqueIndex = "ux_clients_org_name";
    private const string AuditTable = "clients";

    /// <summary>A client-scoped caller sees only its own client; everyone else sees every client (null scope).</summary>
    private const string InScope = "(@clientScope::uuid IS NULL OR id = @clientScope)";

    private const string Columns = """
        org_id AS OrgId, id AS Id, name AS Name, enabled AS Enabled, time_zone AS TimeZone, version AS Version,
        created_at AS CreatedAt, updated_at AS UpdatedAt
        """;

    public async Task<ClientWriteResult> CreateAsync(Guid orgId, NewClient newClient, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var created = Client.Create(orgId, Guid.CreateVersion7(now), newClient, now);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ClientRow>(new CommandDefinition($"""
            INSERT INTO clients (org_id, id, name, enabled, time_zone, version, created_at, updated_at)
            VALUES (@OrgId, @Id, @Name, @Enabled, @TimeZone, @Version, @CreatedAt, @UpdatedAt)
            ON CONFLICT (org_id, lower(name)) DO NOTHING
            RETURNING {Columns}
            """, created, transaction, cancellationToken: cancellationToken));
        if (row is null)
        {
            return new ClientWriteResult(ClientWriteStatus.DuplicateName);
        }

        var client = row.ToClient();
        await outbox.EnqueueAsync(transaction, ToEvent(client), cancellationToken);
        await audit.RecordAsync(transaction, AuditActions.Create, AuditTable, client.Id.ToString(), null,
            AuditValues(client), cancellationToken);
        // Its first licence figures (none yet), so read models know the client from the start.
        await licenses.RefreshAsync(transaction, orgId, [client.Id], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogClientSaved(client.Id, client.Version, orgId);
        return new ClientWriteResult(ClientWriteStatus.Saved, client);
    }

    public async Task<ClientWriteResult> UpdateAsync(Guid orgId, Guid? clientScope, Guid id, ClientChanges changes,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The row lock orders concurrent changes of one client, so versions and events stay in step.
        var current = await connection.QuerySingleOrDefaultAsync<ClientRow>(new CommandDefinition($"""
            SELECT {Columns} FROM clients WHERE org_id = @orgId AND id = @id AND {InScope} FOR UPDATE
            """, new { orgId, id, clientScope }, transaction, cancellationToken: cancellationToken));
        if (current is null)
        {
            return new ClientWriteResult(ClientWriteStatus.NotFound);
        }
        var existing = current.ToClient();
        var changed = existing.Apply(changes, timeProvider.GetUtcNow());
        if (changed is null)
        {
            return new ClientWriteResult(ClientWriteStatus.Unchanged, existing);
        }

        ClientRow updated;
        try
        {
            updated = await connection.QuerySingleAsync<ClientRow>(new CommandDefinition($"""
                UPDATE clients
                SET name = @Name, enabled = @Enabled, time_zone = @TimeZone, version = @Version, updated_at = @UpdatedAt
                WHERE org_id = @OrgId AND id = @Id
                RETURNING {Columns}
                """, changed, transaction, cancellationToken: cancellationToken));
        }
        catch (PostgresException exception) when (exception is
        { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: NameUniqueIndex })
        {
            return new ClientWriteResult(ClientWriteStatus.DuplicateName);
        }

        var client = updated.ToClient();
        await outbox.EnqueueAsync(transaction, ToEvent(client), cancellationToken);
        await audit.RecordAsync(transaction, changes.AuditAction, AuditTable, client.Id.ToString(),
            AuditValues(existing), AuditValues(client), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogClientSaved(client.Id, client.Version, orgId);
        return new ClientWriteResult(ClientWriteStatus.Saved, client);
    }

    public async Task<Client?> FindAsync(Guid orgId, Guid? clientScope, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ClientRow>(new CommandDefinition($"""
            SELECT {Columns} FROM clients WHERE org_id = @orgId AND id = @id AND {InScope}
            """, new { orgId, id, clientScope }, cancellationToken: cancellationToken));
        return row?.ToClient();
    }

    public async Task<PagedResult<Client>> ListAsync(Guid orgId, Guid? clientScope, ClientListQuery query,
        CancellationToken cancellationToken)
    {
        var filter = query.Search is null
            ? $"org_id = @orgId AND {InScope}"
            : $"org_id = @orgId AND {InScope} AND name ILIKE @pattern";
        var direction = query.Direction.ToSql();
        // Sort columns come from a closed set, never from the request text; id breaks ties so pages are stable.
        var orderBy = query.Sort switch
        {
            ClientSortField.CreatedAt => $"created_at {direction}, id {direction}",
            ClientSortField.UpdatedAt => $"updated_at {direction}, id {direction}",
            _ => $"lower(name) {direction}, id {direction}",
        };
        var parameters = new
        {
            orgId,
            clientScope,
            pattern = query.Search is null ? null : LikePatterns.Containing(query.Search),
            limit = query.Page.PageSize,
            offset = query.Page.Offset,
        };

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition($"""
            SELECT count(*) FROM clients WHERE {filter};
            SELECT {Columns} FROM clients WHERE {filter} ORDER BY {orderBy} LIMIT @limit OFFSET @offset;
            """, parameters, cancellationToken: cancellationToken));
        var totalCount = await results.ReadSingleAsync<long>();
        var rows = await results.ReadAsync<ClientRow>();
        return new PagedResult<Client>(rows.Select(row => row.ToClient()).ToList(), query.Page.Page,
            query.Page.PageSize, totalCount);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Client {ClientId} saved as version {Version} in organization {OrgId}")]
    private partial void LogClientSaved(Guid clientId, long version, Guid orgId);

    private static object AuditValues(Client client) =>
        new { client.Name, client.Enabled, client.TimeZone, client.Version };

    private static ClientUpserted ToEvent(Client client) => new(client.OrgId, client.Id, client.Name, client.Enabled,
        client.TimeZone, client.Version, client.CreatedAt, client.UpdatedAt);

    /// <summary>Npgsql reads timestamptz as a UTC <see cref="DateTime"/>; the domain speaks DateTimeOffset.</summary>
    private sealed record ClientRow(Guid OrgId, Guid Id, string Name, bool Enabled, string TimeZone, long Version,
        DateTime CreatedAt, DateTime UpdatedAt)
    {
        public Client ToClient() => new(OrgId, Id, Name, Enabled, TimeZone, Version,
            new DateTimeOffset(CreatedAt, TimeSpan.Zero), new DateTimeOffset(UpdatedAt, TimeSpan.Zero));
    }
}

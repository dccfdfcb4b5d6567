using System.Text;
using System.Text.Json;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.Contracts.Events;
using BillingOne.Projection.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Projection.Data;

/// <param name="OldValues">The record before the change, a JSON object; null for a creation.</param>
/// <param name="NewValues">The record after the change, a JSON object; null for a deletion.</param>
public sealed record AuditEntry(string Service, long EntryId, string Action, string Table, string RecordId,
    string ActorType, Guid ActorId, Guid? ApiKeyId, JsonElement? OldValues, JsonElement? NewValues,
    DateTimeOffset CreatedAt)
{
    /// <summary>Unique across services: entry ids are only unique within the service that recorded them.</summary>
    public string Id => $"{Service}-{EntryId}";
}

public sealed class AuditEntryStore(NpgsqlDataSource dataSource)
{
    /// <summary>Copies an entry once: a redelivered event finds its key taken and inserts nothing.</summary>
    public async Task AddAsync(AuditEntryRecorded entry, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO audit_entries (org_id, service, entry_id, action, table_name, record_id, actor_type, actor_id,
                                       api_key_id, old_values, new_values, created_at)
            VALUES (@OrgId, @Service, @EntryId, @Action, @Table, @RecordId, @ActorType, @ActorId,
                    @ApiKeyId, @OldValues::jsonb, @NewValues::jsonb, @CreatedAt)
            ON CONFLICT (service, entry_id) DO NOTHING
            """, entry, cancellationToken: cancellationToken));
    }

    public async Task<PagedResult<AuditEntry>> ListAsync(Guid orgId, AuditLogQuery query, CancellationToken cancellationToken)
    {
        var filter = new StringBuilder("org_id = @orgId");
        if (query.Table is not null) filter.Append(" AND table_name = @Table");
        if (query.Action is not null) filter.Append(" AND action = @Action");
        if (query.ActorId is not null) filter.Append(" AND (actor_id = @ActorId OR api_key_id = @ActorId)");
        if (query.From is not null) filter.Append(" AND created_at >= @From");
        if (query.To is not null) filter.Append(" AND created_at < @To");
        var parameters = new
        {
            orgId, query.Table, query.Action, query.ActorId, query.From, query.To,
            limit = query.Page.PageSize, offset = query.Page.Offset,
        };

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition($"""
            SELECT count(*) FROM audit_entries WHERE {filter};
            SELECT service AS Service, entry_id AS EntryId, action AS Action, table_name AS "Table",
                   record_id AS RecordId, actor_type AS ActorType, actor_id AS ActorId, api_key_id AS ApiKeyId,
                   old_values::text AS OldValues, new_values::text AS NewValues, created_at AS CreatedAt
            FROM audit_entries WHERE {filter}
            ORDER BY created_at DESC, service, entry_id DESC
            LIMIT @limit OFFSET @offset;
            """, parameters, cancellationToken: cancellationToken));
        var totalCount = await results.ReadSingleAsync<long>();
        var rows = (await results.ReadAsync<AuditRow>()).Select(row => row.ToEntry()).ToList();
        return new PagedResult<AuditEntry>(rows, query.Page.Page, query.Page.PageSize, totalCount);
    }

    /// <summary>Npgsql reads timestamptz as a UTC <see cref="DateTime"/>.</summary>
    private sealed record AuditRow(string Service, long EntryId, string Action, string Table, string RecordId,
        string ActorType, Guid ActorId, Guid? ApiKeyId, string? OldValues, string? NewValues, DateTime CreatedAt)
    {
        public AuditEntry ToEntry() => new(Service, EntryId, Action, Table, RecordId, ActorType, ActorId, ApiKeyId,
            Json(OldValues), Json(NewValues), new DateTimeOffset(CreatedAt, TimeSpan.Zero));

        /// <summary>The stored jsonb as JSON in the answer, not as a string holding JSON.</summary>
        private static JsonElement? Json(string? text)
        {
            if (text is null)
            {
                return null;
            }
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
    }
}

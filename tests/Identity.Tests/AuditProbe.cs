using System.Text.Json;
using Dapper;

namespace BillingOne.Identity.Tests;

public sealed record AuditRow(long Id, Guid OrgId, string Action, string TableName, string RecordId, string ActorType,
    Guid ActorId, Guid? ApiKeyId, string? OldValues, string? NewValues)
{
    public JsonElement Old => JsonDocument.Parse(OldValues!).RootElement;

    public JsonElement New => JsonDocument.Parse(NewValues!).RootElement;
}

/// <summary>Reads the service's <c>audit_log</c> as the projection's Audit Log will show it.</summary>
public static class AuditProbe
{
    public static async Task<List<AuditRow>> EntriesAsync(this DirectoryFixture fixture, string table, Guid recordId)
    {
        await using var connection = fixture.OpenDatabase();
        var rows = await connection.QueryAsync<AuditRow>("""
            SELECT id AS Id, org_id AS OrgId, action AS Action, table_name AS TableName, record_id AS RecordId,
                   actor_type AS ActorType, actor_id AS ActorId, api_key_id AS ApiKeyId,
                   old_values::text AS OldValues, new_values::text AS NewValues
            FROM audit_log WHERE table_name = @table AND record_id = @recordId ORDER BY id
            """, new { table, recordId = recordId.ToString() });
        return rows.ToList();
    }
}

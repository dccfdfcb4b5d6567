using System.Text.Json;
using BillingOne.Contracts.Events;
using Dapper;
using Npgsql;

namespace BillingOne.Reconciliation.Tests.Api;

/// <summary>Reads the reconciliation database where the API shows nothing: the outbox, the inbox, stored settings.</summary>
public sealed class DatabaseProbe(string connectionString)
{
    private const string DevicesSnapshottedType = "BillingOne.Contracts.Events.DevicesSnapshotted, BillingOne.Contracts";
    private const string ClientReconciledType = "BillingOne.Contracts.Events.ClientReconciled, BillingOne.Contracts";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The DevicesSnapshotted events enqueued for an organization, oldest first, and whether each was sent.</summary>
    public async Task<List<(DevicesSnapshotted Event, bool Sent)>> SnapshotEventsAsync(Guid orgId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        var rows = await connection.QueryAsync<(string Payload, bool Sent)>("""
            SELECT payload::text, sent_at IS NOT NULL FROM outbox_messages
            WHERE message_type = @type AND payload->>'orgId' = @orgId
            ORDER BY sequence
            """, new { type = DevicesSnapshottedType, orgId = orgId.ToString() });
        return [.. rows.Select(row => (JsonSerializer.Deserialize<DevicesSnapshotted>(row.Payload, Json)!, row.Sent))];
    }

    /// <summary>The ClientReconciled events enqueued for a client, oldest first.</summary>
    public async Task<List<ClientReconciled>> ReconciledEventsAsync(Guid orgId, Guid clientId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        var payloads = await connection.QueryAsync<string>("""
            SELECT payload::text FROM outbox_messages
            WHERE message_type = @type AND payload->>'orgId' = @orgId AND payload->>'clientId' = @clientId
            ORDER BY sequence
            """, new { type = ClientReconciledType, orgId = orgId.ToString(), clientId = clientId.ToString() });
        return [.. payloads.Select(payload => JsonSerializer.Deserialize<ClientReconciled>(payload, Json)!)];
    }

    /// <summary>Makes the organization's snapshot schedule due, as if its occurrence had come.</summary>
    public async Task MakeSnapshotDueAsync(Guid orgId, DateTimeOffset occurrence)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.ExecuteAsync("UPDATE snapshot_schedules SET next_run_at = @occurrence WHERE org_id = @orgId",
            new { orgId, occurrence });
    }

    public async Task<bool> InboxHoldsAsync(Guid messageId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return await connection.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM inbox_messages WHERE message_id = @messageId)", new { messageId });
    }

    /// <summary>The stored form of the organization's RMM secrets, as a database reader would see it.</summary>
    public async Task<string?> ProtectedSecretsAsync(Guid orgId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return await connection.ExecuteScalarAsync<string?>(
            "SELECT protected_secrets FROM integration_settings WHERE org_id = @orgId AND integration = 'rmm'", new { orgId });
    }
}

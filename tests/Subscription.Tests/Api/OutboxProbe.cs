using System.Text.Json;
using BillingOne.Contracts.Events;
using Dapper;
using Npgsql;

namespace BillingOne.Subscription.Tests.Api;

/// <summary>Reads the subscription database's outbox the way the relay sees it.</summary>
public sealed class OutboxProbe(string connectionString)
{
    private const string ClientUpsertedType = "BillingOne.Contracts.Events.ClientUpserted, BillingOne.Contracts";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<long> CountAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM outbox_messages");
    }

    /// <summary>The ClientUpserted events enqueued for one client, oldest first.</summary>
    public async Task<List<ClientUpserted>> ClientEventsAsync(Guid clientId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        var payloads = await connection.QueryAsync<string>("""
            SELECT payload::text FROM outbox_messages
            WHERE message_type = @type AND payload->>'clientId' = @clientId
            ORDER BY sequence
            """, new { type = ClientUpsertedType, clientId = clientId.ToString() });
        return payloads.Select(payload => JsonSerializer.Deserialize<ClientUpserted>(payload, Json)!).ToList();
    }

    /// <summary>Whether every enqueued message has been confirmed by the broker and stamped sent.</summary>
    public async Task<bool> AllSentAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return await connection.ExecuteScalarAsync<bool>(
            "SELECT NOT EXISTS (SELECT 1 FROM outbox_messages WHERE sent_at IS NULL)");
    }
}

using System.Text.Json;
using Dapper;

namespace BillingOne.Identity.Tests;

/// <summary>Reads the events the service's outbox holds for an organization, oldest first.</summary>
public static class OutboxProbe
{
    public static async Task<List<JsonElement>> OutboxEventsAsync(this DirectoryFixture fixture, string eventName,
        Guid orgId)
    {
        await using var connection = fixture.OpenDatabase();
        var payloads = await connection.QueryAsync<string>("""
            SELECT payload::text FROM outbox_messages
            WHERE message_type LIKE @type AND payload->>'orgId' = @org ORDER BY sequence
            """, new { type = $"BillingOne.Contracts.Events.{eventName},%", org = orgId.ToString() });
        return payloads.Select(payload => JsonDocument.Parse(payload).RootElement).ToList();
    }
}

using System.Text.Json;

namespace BillingOne.Ingestion.Tests.Webhooks;

/// <summary>
/// Pax8 v2 webhook deliveries as its Webhooks API describes them (<c>WebhookPayload</c>: docs/vendors.md, Pax8
/// webhooks): the envelope's fields and formats are published; topic names and each topic's <c>payloadData</c> are not,
/// so the topics here are placeholders and the data shapes the ones the receiver must survive (none, unknown, one that
/// names a subscription).
/// </summary>
internal static class Pax8Deliveries
{
    public const string AccountId = "0f5e2a3c-3b4d-4a5e-8f60-7a8b9c0d1e2f";
    public const string WebhookId = "7d4c1b2a-9e8f-4d6c-a5b4-3c2d1e0f9a8b";
    public const string SubscriptionId = "5f1f1111-0000-4000-8000-000000000001";

    /// <summary>A delivery of <paramref name="topic"/> sent at <paramref name="sentAt"/>, with optional data.</summary>
    public static byte[] Delivery(string topic = "SUBSCRIPTION_UPDATED", string sentAt = "2026-12-01T10:00:00.000Z",
        object? payloadData = null, string webhookId = WebhookId) => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object?>
        {
            ["accountId"] = AccountId,
            ["url"] = "https://billing.example.com/api/ingestion/webhooks/pax8/abc",
            ["webhookId"] = webhookId,
            ["sentAt"] = sentAt,
            ["webhookTopic"] = new
            {
                id = "2b3c4d5e-6f70-4182-93a4-b5c6d7e8f901",
                topic,
                filters = new[]
                {
                    new
                    {
                        action = "UPDATE",
                        conditions = new[] { new { field = "companyId", @operator = "EQUALS", value = new[] { "c-1" } } },
                    },
                },
            },
            ["payloadData"] = payloadData,
        });
}

using System.Text;

namespace BillingOne.Ingestion.Tests.Webhooks;

/// <summary>
/// Deliveries whose field holds, between its quotes, JSON that decodes to no text a field may have: a NUL, half a
/// surrogate pair, or bytes that are not UTF-8.
/// </summary>
internal static class NotTextDeliveries
{
    public static TheoryData<string> Kinds => new() { "NUL", "unpaired surrogate", "invalid UTF-8" };

    /// <summary>A Xero event whose <c>resourceId</c> is not text.</summary>
    public static byte[] Xero(string kind) => With(kind, """
        {"events": [{"resourceId": "?", "eventDateUtc": "2026-12-01T10:00:00.000", "eventType": "UPDATE",
          "eventCategory": "INVOICE", "tenantId": "c2cc9b6e-9458-4c7d-93cc-f02b81b0594f"}]}
        """);

    /// <summary>A Pax8 delivery whose topic is not text.</summary>
    public static byte[] Pax8(string kind) => With(kind, """
        {"accountId": "0f5e2a3c-3b4d-4a5e-8f60-7a8b9c0d1e2f", "webhookId": "7d4c1b2a-9e8f-4d6c-a5b4-3c2d1e0f9a8b",
          "sentAt": "2026-12-01T10:00:00Z", "webhookTopic": {"id": "t1", "topic": "?"}}
        """);

    /// <summary>A Pax8 delivery whose time sent is not text.</summary>
    public static byte[] Pax8SentAt(string kind) => With(kind, """
        {"accountId": "0f5e2a3c-3b4d-4a5e-8f60-7a8b9c0d1e2f", "webhookId": "7d4c1b2a-9e8f-4d6c-a5b4-3c2d1e0f9a8b",
          "sentAt": "?", "webhookTopic": {"id": "t1", "topic": "SUBSCRIPTION_UPDATED"}}
        """);

    private static byte[] With(string kind, string json)
    {
        var at = json.IndexOf('?');
        return [.. Encoding.UTF8.GetBytes(json[..at]), .. Content(kind), .. Encoding.UTF8.GetBytes(json[(at + 1)..])];
    }

    private static byte[] Content(string kind) => kind switch
    {
        "NUL" => "a\\u0000b"u8.ToArray(),
        "unpaired surrogate" => "a\\ud800b"u8.ToArray(),
        "invalid UTF-8" => [(byte)'a', 0xFF, 0xFE, (byte)'b'],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a kind of text that is not text."),
    };
}

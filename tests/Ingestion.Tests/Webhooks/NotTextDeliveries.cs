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

    /// <summary>A Pax8 notification whose <c>resourceId</c> is not text.</summary>
    public static byte[] Pax8(string kind) =>
        With(kind, """{"id": "evt-1", "topic": "subscription", "action": "update", "resourceId": "?"}""");

    /// <summary>A Pax8 notification whose optional <c>id</c> is not text.</summary>
    public static byte[] Pax8WithId(string kind) =>
        With(kind, """{"id": "?", "topic": "subscription", "action": "update", "resourceId": "s1"}""");

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

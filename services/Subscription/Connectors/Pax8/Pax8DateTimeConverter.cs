using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BillingOne.Subscription.Connectors.Pax8;

/// <summary>
/// Pax8's date-times as its documented examples write them (docs/vendors.md, Pax8): ISO 8601 with the offset written
/// <c>Z</c>, <c>+10:00</c> or without the colon (<c>-0600</c>), with or without fractions of a second, or a bare date
/// (midnight UTC). System.Text.Json alone refuses the offset without a colon. Written back as ISO 8601 in UTC.
/// </summary>
public sealed class Pax8DateTimeConverter : JsonConverter<DateTimeOffset>
{
    private static readonly string[] Formats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzz",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
        "yyyy-MM-dd",
    ];

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        if (TryParse(text, out var value))
        {
            return value;
        }
        throw new JsonException($"'{text}' is not an ISO 8601 date-time.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));

    /// <summary>Reads <paramref name="text"/> as Pax8 writes date-times; a time without an offset is UTC.</summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var normalized = text.Trim();
        // "-0600" / "+1000" at the end: insert the colon the round-trip formats expect.
        if (normalized.Length > 5 && (normalized[^5] == '+' || normalized[^5] == '-')
            && normalized[^4..].All(char.IsAsciiDigit) && normalized.Contains('T', StringComparison.Ordinal))
        {
            normalized = $"{normalized[..^2]}:{normalized[^2..]}";
        }
        return DateTimeOffset.TryParseExact(normalized, Formats, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);
    }
}

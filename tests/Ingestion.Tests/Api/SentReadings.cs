using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace BillingOne.Ingestion.Tests.Api;

/// <summary>
/// Readings as a partner sends them: JSON objects with valid defaults that a test changes
/// one property at a time, and bodies in either format.
/// </summary>
internal static class SentReadings
{
    public const string UnitType = "backup-gb";

    /// <summary>When the default reading was observed: the same for every reading, so repeats are duplicates.</summary>
    public static readonly DateTimeOffset ObservedAt = DateTimeOffset.UtcNow.AddHours(-1);

    public static Dictionary<string, object?> Reading(string? id, object? quantity = null, string assetExternalId = "srv-01",
        DateTimeOffset? observedAt = null, string? description = null) => new()
        {
            ["id"] = id,
            ["assetSource"] = "veeam",
            ["assetExternalId"] = assetExternalId,
            ["unitTypeKey"] = UnitType,
            ["quantity"] = quantity ?? 12.5m,
            ["observedAt"] = (observedAt ?? ObservedAt).ToString("O"),
            ["description"] = description,
        };

    public static Dictionary<string, object?> With(this Dictionary<string, object?> reading, string property, object? value)
    {
        reading[property] = value;
        return reading;
    }

    public static Dictionary<string, object?> Without(this Dictionary<string, object?> reading, string property)
    {
        reading.Remove(property);
        return reading;
    }

    public static HttpContent JsonArray(params IEnumerable<object> readings) =>
        Body(JsonSerializer.Serialize(readings), "application/json");

    public static HttpContent Ndjson(params IEnumerable<object> readings) =>
        Body(string.Join('\n', readings.Select(reading => JsonSerializer.Serialize(reading))), "application/x-ndjson");

    public static HttpContent Body(string text, string? contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
        content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        return content;
    }
}

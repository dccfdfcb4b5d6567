using System.Text.Json;

using BillingOne.Ingestion.Domain;

namespace BillingOne.Ingestion.Transport;

/// <summary>Turns one JSON reading into a <see cref="RawReading"/>, or the reasons its shape is wrong.</summary>
internal static class ReadingJson
{
    /// <param name="context">Prefix for errors, e.g. "Line 4" for NDJSON where positions and lines differ.</param>
    public static BatchEntry ToEntry(int position, JsonElement element, string? context)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return BatchEntry.Unreadable(position, Prefixed(context, "a reading must be a JSON object"));
        }
        var errors = new List<string>();
        string? id = null, source = null, externalId = null, unitTypeKey = null, quantity = null, description = null;
        DateTimeOffset? observedAt = null;
        foreach (var property in element.EnumerateObject())
        {
            if (NameOf(property, errors) is not { } name)
            {
                continue;
            }
            switch (name)
            {
                case "id":
                    id = Text(property, errors);
                    break;
                case "assetSource" or "asset_source":
                    source = Text(property, errors);
                    break;
                case "assetExternalId" or "asset_external_id":
                    externalId = Text(property, errors);
                    break;
                case "unitTypeKey" or "unit_type_key":
                    unitTypeKey = Text(property, errors);
                    break;
                case "quantity":
                    quantity = Quantity(property, errors);
                    break;
                case "observedAt" or "observed_at":
                    observedAt = Timestamp(property, errors);
                    break;
                case "description":
                    description = Text(property, errors);
                    break;
            }
        }
        return errors.Count > 0
            ? BatchEntry.Unreadable(position, Prefixed(context, string.Join("; ", errors)))
            : BatchEntry.Of(position, new RawReading(id, source, externalId, unitTypeKey, quantity, observedAt, description));
    }

    private static string? Text(JsonProperty property, List<string> errors)
    {
        switch (property.Value.ValueKind)
        {
            case JsonValueKind.String:
                return StringOf(property.Value, property.Name, errors);
            case JsonValueKind.Null:
                return null;
            default:
                errors.Add($"{property.Name} must be a string");
                return null;
        }
    }

    /// <summary>A number keeps its exact JSON text; a string is taken as is (the validator parses both).</summary>
    private static string? Quantity(JsonProperty property, List<string> errors)
    {
        switch (property.Value.ValueKind)
        {
            case JsonValueKind.Number:
                return property.Value.GetRawText();
            case JsonValueKind.String:
                return StringOf(property.Value, property.Name, errors);
            case JsonValueKind.Null:
                return null;
            default:
                errors.Add("quantity must be a number or a numeric string");
                return null;
        }
    }

    /// <summary>ISO 8601 with an explicit offset or Z: a time without one would depend on the server's zone.</summary>
    private static DateTimeOffset? Timestamp(JsonProperty property, List<string> errors)
    {
        var value = property.Value;
        if (value.ValueKind == JsonValueKind.Null
            || value.ValueKind == JsonValueKind.String && StringOf(value, property.Name, errors) is null)
        {
            return null;
        }
        if (value.ValueKind != JsonValueKind.String
            || !value.TryGetDateTime(out var parsed)
            || !value.TryGetDateTimeOffset(out var timestamp))
        {
            errors.Add($"{property.Name} must be an ISO 8601 timestamp such as 2025-01-31T23:00:00Z");
            return null;
        }
        if (parsed.Kind == DateTimeKind.Unspecified)
        {
            errors.Add($"{property.Name} must include a UTC offset or Z");
            return null;
        }
        return timestamp;
    }

    // JSON may carry bytes that are not UTF-8, or a \ud800 escape of half a surrogate pair; neither makes a string,
    // and System.Text.Json only finds out when the text is decoded.
    private static string? StringOf(JsonElement value, string field, List<string> errors)
    {
        try
        {
            return value.GetString();
        }
        catch (InvalidOperationException)
        {
            errors.Add(NotUnicode(field));
            return null;
        }
    }

    private static string? NameOf(JsonProperty property, List<string> errors)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException)
        {
            errors.Add(NotUnicode("a property name"));
            return null;
        }
    }

    private static string NotUnicode(string field) => $"{field} must be valid Unicode text (UTF-8 without unpaired surrogates)";

    private static string Prefixed(string? context, string message) =>
        context is null ? char.ToUpperInvariant(message[0]) + message[1..] + "." : $"{context}: {message}.";
}

using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

using BillingOne.Ingestion.Domain;

namespace BillingOne.Ingestion.Transport;

/// <summary>
/// One JSON value read as a reading: the reading's fields, or the reasons its shape is wrong and its id when that
/// could be read.
/// </summary>
internal readonly record struct ParsedReading(RawReading? Reading, string? Error, string? UnreadableId = null);

/// <summary>
/// Turns one JSON reading into a <see cref="RawReading"/>, or the reasons its shape is wrong. It reads the tokens
/// straight off a <see cref="Utf8JsonReader"/>, matching property names as UTF-8 bytes: this runs for every reading of
/// every call, and a parsed document with a string per property name costs several times more.
/// </summary>
internal static class ReadingJson
{
    public static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 16 };

    private enum Field { Id, AssetSource, AssetExternalId, UnitTypeKey, Quantity, ObservedAt, Description }

    // camelCase and snake_case, as proto3 JSON parsers accept; the name is the one errors quote.
    private static readonly (byte[] Utf8, string Name, Field Field)[] Names =
    [
        ("id"u8.ToArray(), "id", Field.Id),
        ("assetSource"u8.ToArray(), "assetSource", Field.AssetSource),
        ("asset_source"u8.ToArray(), "asset_source", Field.AssetSource),
        ("assetExternalId"u8.ToArray(), "assetExternalId", Field.AssetExternalId),
        ("asset_external_id"u8.ToArray(), "asset_external_id", Field.AssetExternalId),
        ("unitTypeKey"u8.ToArray(), "unitTypeKey", Field.UnitTypeKey),
        ("unit_type_key"u8.ToArray(), "unit_type_key", Field.UnitTypeKey),
        ("quantity"u8.ToArray(), "quantity", Field.Quantity),
        ("observedAt"u8.ToArray(), "observedAt", Field.ObservedAt),
        ("observed_at"u8.ToArray(), "observed_at", Field.ObservedAt),
        ("description"u8.ToArray(), "description", Field.Description),
    ];

    /// <summary>
    /// Reads the value whose first token the reader is on, leaving it on the value's last token. The whole value must
    /// be in the reader's buffer (a final block, or a converter's read-ahead).
    /// </summary>
    /// <exception cref="JsonException">The value is not valid JSON.</exception>
    public static ParsedReading Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            SkipValue(ref reader);
            return new ParsedReading(null, "a reading must be a JSON object");
        }
        var errors = new List<string>();
        string? id = null, source = null, externalId = null, unitTypeKey = null, quantity = null, description = null;
        DateTimeOffset? observedAt = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var known = KnownName(ref reader, errors);
            reader.Read();
            if (known is not var (name, field))
            {
                SkipValue(ref reader);
                continue;
            }
            switch (field)
            {
                case Field.Id:
                    id = Text(ref reader, name, errors);
                    break;
                case Field.AssetSource:
                    source = Text(ref reader, name, errors);
                    break;
                case Field.AssetExternalId:
                    externalId = Text(ref reader, name, errors);
                    break;
                case Field.UnitTypeKey:
                    unitTypeKey = Text(ref reader, name, errors);
                    break;
                case Field.Quantity:
                    quantity = Quantity(ref reader, errors);
                    break;
                case Field.ObservedAt:
                    observedAt = Timestamp(ref reader, name, errors);
                    break;
                case Field.Description:
                    description = Text(ref reader, name, errors);
                    break;
            }
        }
        return errors.Count > 0
            ? new ParsedReading(null, string.Join("; ", errors), id)
            : new ParsedReading(new RawReading(id, source, externalId, unitTypeKey, quantity, observedAt, description), null);
    }

    /// <param name="context">Prefix for errors, e.g. "Line 4" for NDJSON where positions and lines differ.</param>
    public static BatchEntry ToEntry(int position, ParsedReading parsed, string? context) =>
        parsed.Reading is { } reading
            ? BatchEntry.Of(position, reading)
            : BatchEntry.Unreadable(position, Prefixed(context, parsed.Error!), parsed.UnreadableId);

    /// <summary>The field a property name stands for; null for a name the reading does not have.</summary>
    private static (string Name, Field Field)? KnownName(ref Utf8JsonReader reader, List<string> errors)
    {
        foreach (var (utf8, name, field) in Names)
        {
            if (reader.ValueTextEquals(utf8))
            {
                return (name, field);
            }
        }
        // Unknown names are ignored, but must still be text.
        StringOf(ref reader, "a property name", errors);
        return null;
    }

    private static string? Text(ref Utf8JsonReader reader, string name, List<string> errors)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return StringOf(ref reader, name, errors);
            case JsonTokenType.Null:
                return null;
            default:
                errors.Add($"{name} must be a string");
                SkipValue(ref reader);
                return null;
        }
    }

    /// <summary>A number keeps its exact JSON text; a string is taken as is (the validator parses both).</summary>
    private static string? Quantity(ref Utf8JsonReader reader, List<string> errors)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return reader.HasValueSequence
                    ? Encoding.UTF8.GetString(reader.ValueSequence)
                    : Encoding.UTF8.GetString(reader.ValueSpan);
            case JsonTokenType.String:
                return StringOf(ref reader, "quantity", errors);
            case JsonTokenType.Null:
                return null;
            default:
                errors.Add("quantity must be a number or a numeric string");
                SkipValue(ref reader);
                return null;
        }
    }

    /// <summary>ISO 8601 with an explicit offset or Z: a time without one would depend on the server's zone.</summary>
    private static DateTimeOffset? Timestamp(ref Utf8JsonReader reader, string name, List<string> errors)
    {
        if (reader.TokenType == JsonTokenType.Null
            || reader.TokenType == JsonTokenType.String && StringOf(ref reader, name, errors) is null)
        {
            return null;
        }
        if (reader.TokenType != JsonTokenType.String
            || !reader.TryGetDateTime(out var parsed)
            || !reader.TryGetDateTimeOffset(out var timestamp))
        {
            errors.Add($"{name} must be an ISO 8601 timestamp such as 2025-01-31T23:00:00Z");
            SkipValue(ref reader);
            return null;
        }
        if (parsed.Kind == DateTimeKind.Unspecified)
        {
            errors.Add($"{name} must include a UTC offset or Z");
            return null;
        }
        return timestamp;
    }

    // JSON may carry bytes that are not UTF-8, or a \ud800 escape of half a surrogate pair; neither makes a string,
    // and System.Text.Json only finds out when the text is decoded.
    private static string? StringOf(ref Utf8JsonReader reader, string field, List<string> errors)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            errors.Add($"{field} must be valid Unicode text (UTF-8 without unpaired surrogates)");
            return null;
        }
    }

    // A converter's reader is not a final block even though its value is all there, and Skip() refuses such a reader.
    private static void SkipValue(ref Utf8JsonReader reader)
    {
        if (!reader.TrySkip())
        {
            throw new JsonException("A reading ends before its value does.");
        }
    }

    private static string Prefixed(string? context, string message) =>
        context is null ? char.ToUpperInvariant(message[0]) + message[1..] + "." : $"{context}: {message}.";
}

/// <summary>Lets the serializer hand each element of a JSON array of readings to <see cref="ReadingJson"/>.</summary>
internal sealed class ParsedReadingConverter : JsonConverter<ParsedReading>
{
    public override ParsedReading Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ReadingJson.Read(ref reader);

    public override void Write(Utf8JsonWriter writer, ParsedReading value, JsonSerializerOptions options) =>
        throw new NotSupportedException("Readings are only read.");
}

using System.Text.Json;

namespace BillingOne.Web.Formatting;

/// <summary>An audit entry's old or new values, indented for reading.</summary>
public static class JsonValuesFormat
{
    // Relaxed escaping keeps "é" and "<" readable; Razor HTML-encodes the text when it renders it.
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        NewLine = "\n",
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Null for no values (a create has no old values). The values may arrive as a JSON object or as a string
    /// holding JSON (how a jsonb column travels in an event); both read the same. A string that is not JSON is
    /// shown as it is.
    /// </summary>
    public static string? Format(JsonElement? values)
    {
        if (values is not { } element || element.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return null;
        }

        if (element.ValueKind == JsonValueKind.String)
        {
            var text = element.GetString()!;
            try
            {
                using var document = JsonDocument.Parse(text);
                return JsonSerializer.Serialize(document.RootElement, Indented);
            }
            catch (JsonException)
            {
                return text;
            }
        }

        return JsonSerializer.Serialize(element, Indented);
    }
}

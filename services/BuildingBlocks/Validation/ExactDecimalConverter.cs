using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Hosting;

namespace BillingOne.BuildingBlocks.Validation;

/// <summary>
/// Reads decimal members of request bodies only when the number is held exactly: <see cref="decimal"/> parsing
/// silently rounds what it cannot hold (<c>1e-400</c> would be stored as 0, a 30th significant digit dropped), so such
/// a number is refused naming the member, as are numbers beyond the type's range.
/// </summary>
public sealed class ExactDecimalConverter : JsonConverter<decimal>
{
    public const string Reason = "is not a number that can be held exactly (at most 28 decimal places and " +
        "29 significant digits, magnitude below 7.9e28)";

    public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType is not (JsonTokenType.Number or JsonTokenType.String)
            || (reader.TokenType == JsonTokenType.String
                && !options.NumberHandling.HasFlag(JsonNumberHandling.AllowReadingFromString)))
        {
            throw new JsonException($"Expected a number, found {reader.TokenType}.");
        }
        var text = reader.TokenType == JsonTokenType.String
            ? reader.GetString()!
            : Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
        return TryReadExact(text, out var value) ? value : throw new RejectedValueException(Reason);
    }

    public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value);

    /// <summary>The value of <paramref name="text"/> when <see cref="decimal"/> holds it without rounding.</summary>
    public static bool TryReadExact(string text, out decimal value)
    {
        value = 0;
        return DecimalNumeral.TryRead(text, out var written)
            && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && DecimalNumeral.TryRead(value.ToString(CultureInfo.InvariantCulture), out var held)
            && held == written;
    }
}

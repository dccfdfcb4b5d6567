using System.Globalization;
using BillingOne.BuildingBlocks.Validation;

namespace BillingOne.Ingestion.Domain;

/// <summary>The outcome of validating one reading: the canonical reading, or every reason it is invalid.</summary>
public sealed record ReadingValidation(UsageReading? Reading, string? Error)
{
    public bool IsValid => Reading is not null;
}

/// <summary>
/// Checks raw readings against the ingest rules and puts valid ones in canonical form. One validator serves one
/// ingest call: it holds the unit type keys known when the call started.
/// </summary>
public sealed class ReadingValidator(IngestLimits limits, IReadOnlySet<string> knownUnitTypeKeys)
{
    // Shown values are cut so that a megabyte of garbage in one field does not end up in the answer.
    private const int MaxEchoedLength = 40;

    public IngestLimits Limits => limits;

    /// <param name="raw">The reading as received.</param>
    /// <param name="receivedAt">When the call arrived; the time window is measured from it for the whole call.</param>
    public ReadingValidation Validate(RawReading raw, DateTimeOffset receivedAt)
    {
        var errors = new List<string>();
        var id = RequiredName(raw.Id, "id", limits.MaxIdLength, errors);
        var source = RequiredName(raw.AssetSource, "assetSource", limits.MaxNameLength, errors);
        var externalId = RequiredName(raw.AssetExternalId, "assetExternalId", limits.MaxNameLength, errors);
        var unitTypeKey = RequiredName(raw.UnitTypeKey, "unitTypeKey", limits.MaxNameLength, errors);
        if (unitTypeKey is not null && !knownUnitTypeKeys.Contains(unitTypeKey))
        {
            errors.Add($"unitTypeKey '{unitTypeKey}' is not a known unit type");
        }
        var quantity = Quantity(raw.Quantity, errors);
        var observedAt = ObservedAt(raw.ObservedAt, receivedAt, errors);
        var description = Description(raw.Description, errors);

        if (errors.Count > 0)
        {
            return new ReadingValidation(null, string.Join("; ", errors));
        }
        return new ReadingValidation(
            new UsageReading(id!, source!, externalId!, unitTypeKey!, quantity!.Value, observedAt!.Value, description),
            null);
    }

    private static string? RequiredName(string? value, string field, int maxLength, List<string> errors)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            errors.Add($"{field} is required");
            return null;
        }
        if (trimmed.Length > maxLength)
        {
            errors.Add($"{field} must be at most {maxLength} characters");
            return null;
        }
        if (trimmed.AsSpan().ContainsAny(ControlCharacters.All))
        {
            errors.Add($"{field} must not contain control characters");
            return null;
        }
        return trimmed;
    }

    private decimal? Quantity(string? text, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add("quantity is required");
            return null;
        }
        if (text.AsSpan().ContainsAny(ControlCharacters.ButLineBreaksAndTabs))
        {
            // decimal parsing would ignore trailing NULs.
            errors.Add("quantity must not contain control characters");
            return null;
        }
        if (!DecimalNumeral.TryRead(text, out var numeral))
        {
            errors.Add($"quantity '{Echo(text)}' is not a finite decimal number");
            return null;
        }
        if (numeral.IsNegative)
        {
            errors.Add("quantity must be 0 or more");
            return null;
        }
        if (numeral.IntegerDigits > limits.MaxIntegerDigits)
        {
            errors.Add($"quantity must be at most {limits.MaxQuantity.ToString(CultureInfo.InvariantCulture)}");
            return null;
        }
        if (numeral.DecimalPlaces > limits.MaxQuantityScale)
        {
            errors.Add($"quantity must have at most {limits.MaxQuantityScale} decimal places");
            return null;
        }
        // Within numeric(20,6), so decimal holds the value exactly.
        return WithoutTrailingZeros(decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture), numeral);
    }

    private DateTimeOffset? ObservedAt(DateTimeOffset? value, DateTimeOffset receivedAt, List<string> errors)
    {
        if (value is null)
        {
            errors.Add("observedAt is required");
            return null;
        }
        var utc = TruncateToMicroseconds(value.Value.ToUniversalTime());
        if (utc > receivedAt + limits.FutureSkew)
        {
            errors.Add($"observedAt {Format(utc)} is more than {Describe(limits.FutureSkew)} in the future");
            return null;
        }
        if (utc < receivedAt - limits.Retention)
        {
            errors.Add($"observedAt {Format(utc)} is older than the retention of {Describe(limits.Retention)}");
            return null;
        }
        return utc;
    }

    private string? Description(string? value, List<string> errors)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }
        if (trimmed.Length > limits.MaxDescriptionLength)
        {
            errors.Add($"description must be at most {limits.MaxDescriptionLength} characters");
            return null;
        }
        // Line breaks and tabs are fine in a description; other control characters (NUL above all, which
        // PostgreSQL text cannot hold) are not.
        if (trimmed.AsSpan().ContainsAny(ControlCharacters.ButLineBreaksAndTabs))
        {
            errors.Add("description must not contain control characters other than tabs and line breaks");
            return null;
        }
        return trimmed;
    }

    /// <summary>
    /// 1.500 → 1.5, 0.000 → 0; the value is unchanged, only its scale: rounding to the numeral's decimal places drops
    /// zeros only, and costs far less than dividing by a 1 of 28 decimal places.
    /// </summary>
    private static decimal WithoutTrailingZeros(decimal value, DecimalNumeral numeral) =>
        value == 0m ? 0m : decimal.Round(value, checked((int)numeral.DecimalPlaces));

    private static DateTimeOffset TruncateToMicroseconds(DateTimeOffset utc) =>
        new(utc.Ticks - utc.Ticks % 10, TimeSpan.Zero);

    private static string Format(DateTimeOffset utc) =>
        utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Describe(TimeSpan span) =>
        span.TotalHours <= 48 && span.Ticks % TimeSpan.TicksPerHour == 0 ? $"{span.TotalHours:0} h"
        : span.Ticks % TimeSpan.TicksPerDay == 0 ? $"{span.TotalDays:0} days"
        : span.ToString("c", CultureInfo.InvariantCulture);

    private static string Echo(string text) =>
        text.Length <= MaxEchoedLength ? text : string.Concat(text.AsSpan(0, MaxEchoedLength), "…");
}

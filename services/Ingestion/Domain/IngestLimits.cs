using BillingOne.Contracts.Events;

namespace BillingOne.Ingestion.Domain;

/// <summary>
/// Limits applied to every ingest call (HTTP batch or gRPC stream). Bound from configuration section
/// <see cref="SectionName"/>; the defaults suit production.
/// </summary>
public sealed class IngestLimits
{
    public const string SectionName = "Ingest";

    /// <summary>Most readings accepted in one call.</summary>
    public int MaxBatchSize { get; init; } = 10_000;

    /// <summary>How far back a reading may be observed (<see cref="AcceptedReading.DefaultMaxAge"/>).</summary>
    public TimeSpan Retention { get; init; } = AcceptedReading.DefaultMaxAge;

    /// <summary>How far in the future a reading may be observed (clock skew of the reporting agents).</summary>
    public TimeSpan FutureSkew { get; init; } = TimeSpan.FromHours(24);

    /// <summary>Longest reading id (the idempotency key).</summary>
    public int MaxIdLength { get; init; } = 128;

    /// <summary>Longest asset source, asset external id or unit type key.</summary>
    public int MaxNameLength { get; init; } = 256;

    public int MaxDescriptionLength { get; init; } = 1024;

    /// <summary>
    /// Decimal places a quantity may have after trailing zeros are removed; with <see cref="MaxIntegerDigits"/>
    /// this is the column's numeric(20,6).
    /// </summary>
    public int MaxQuantityScale { get; init; } = 6;

    public int MaxIntegerDigits { get; init; } = 14;

    /// <summary>Longest NDJSON line; a longer line is reported as malformed without being buffered.</summary>
    public int MaxLineBytes { get; init; } = 64 * 1024;

    /// <summary>
    /// Largest HTTP ingest body and largest gRPC message: room for a full batch with long descriptions, while
    /// every other endpoint keeps the service default of 1 MiB.
    /// </summary>
    public int MaxBodyBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Largest quantity the storage column holds, e.g. 99999999999999.999999 for numeric(20,6).</summary>
    public decimal MaxQuantity =>
        Pow10(MaxIntegerDigits) - 1m + (Pow10(MaxQuantityScale) - 1m) / Pow10(MaxQuantityScale);

    private static decimal Pow10(int exponent)
    {
        var value = 1m;
        for (var i = 0; i < exponent; i++)
        {
            value *= 10m;
        }
        return value;
    }
}

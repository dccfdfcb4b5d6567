namespace BillingOne.Metering.Domain;

/// <summary>One asset's share of a bucket's usage for a period.</summary>
public sealed record AssetUsage(Guid AssetId, decimal Usage, int ReadingCount);

/// <summary>
/// A bucket's usage for a billing period (docs/domain.md): each bound asset's readings in the period are
/// aggregated with the bucket's aggregation, then the assets' results are added up and rounded once to the readings'
/// six decimals. Aggregating per asset first matters: "max" of a bucket is the sum of each device's peak, not the
/// single highest reading.
/// </summary>
public sealed record BucketUsage(decimal Total, IReadOnlyList<AssetUsage> Assets)
{
    /// <summary>Decimal places of a reading's quantity, which a bucket's usage is given to.</summary>
    public const int ReadingDecimals = 6;

    /// <param name="readings">Readings of the bucket's bound assets; those outside the period are ignored.</param>
    public static BucketUsage Calculate(Aggregation aggregation, BillingPeriod period, IEnumerable<MeterReading> readings)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(readings);

        var assets = readings
            .Where(reading => period.Contains(reading.ObservedAt))
            .GroupBy(reading => reading.AssetId)
            .Select(group => new AssetUsage(group.Key, Aggregate(aggregation, group.ToList()), group.Count()))
            .OrderBy(asset => asset.AssetId)
            .ToList();

        return new BucketUsage(Math.Round(assets.Sum(asset => asset.Usage), ReadingDecimals, MidpointRounding.AwayFromZero),
            assets);
    }

    private static decimal Aggregate(Aggregation aggregation, IReadOnlyList<MeterReading> readings) => aggregation switch
    {
        Aggregation.Sum => readings.Sum(reading => reading.Quantity),
        Aggregation.Max => readings.Max(reading => reading.Quantity),
        Aggregation.Avg => readings.Average(reading => reading.Quantity),
        // Two readings at the same instant are a tie the data cannot break; taking the larger quantity
        // keeps the result independent of the order the database returns rows in.
        Aggregation.Last => readings
            .OrderByDescending(reading => reading.ObservedAt)
            .ThenByDescending(reading => reading.Quantity)
            .First()
            .Quantity,
        // The asset reported in the period (it is in a group), whatever it reported: it counts once.
        Aggregation.Count => 1m,
        _ => throw new ArgumentOutOfRangeException(nameof(aggregation), aggregation, "Unknown aggregation."),
    };
}

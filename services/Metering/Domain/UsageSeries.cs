namespace BillingOne.Metering.Domain;

/// <summary>One UTC day of one unit type's readings of an asset, summarized by the database.</summary>
/// <param name="Last">Quantity of the day's latest reading (the larger one when two share the instant).</param>
public sealed record DailyReadings(DateOnly Day, decimal Sum, decimal Max, int Count, decimal Last);

public sealed record UsagePoint(DateOnly Day, decimal Value);

/// <summary>
/// An asset's usage of one unit type over a window of UTC days: one point per day (0 on days without readings),
/// each day and the whole window aggregated with the unit type's aggregation, as a bucket would for that asset.
/// Values are exact; <see cref="Precision"/> (the unit type's) is what they are shown with.
/// </summary>
public sealed record UsageSeries(string UnitTypeKey, Aggregation Aggregation, int Precision, decimal Total,
    IReadOnlyList<UsagePoint> Points)
{
    public static UsageSeries Build(string unitTypeKey, Aggregation aggregation, int precision, DateOnly from,
        DateOnly to, IReadOnlyCollection<DailyReadings> days)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(from, to);
        var inWindow = days.Where(day => day.Day >= from && day.Day <= to && day.Count > 0)
            .ToDictionary(day => day.Day);
        var points = Enumerable.Range(0, to.DayNumber - from.DayNumber + 1)
            .Select(from.AddDays)
            .Select(day => new UsagePoint(day, inWindow.TryGetValue(day, out var readings)
                ? Aggregate(aggregation, [readings])
                : 0m))
            .ToList();
        return new UsageSeries(unitTypeKey, aggregation, precision, Aggregate(aggregation, inWindow.Values), points);
    }

    /// <summary>Combines days into one value: the same figure the readings of those days give when aggregated at once.</summary>
    private static decimal Aggregate(Aggregation aggregation, IReadOnlyCollection<DailyReadings> days)
    {
        if (days.Count == 0)
        {
            return 0m;
        }
        return aggregation switch
        {
            Aggregation.Sum => days.Sum(day => day.Sum),
            Aggregation.Max => days.Max(day => day.Max),
            Aggregation.Avg => days.Sum(day => day.Sum) / days.Sum(day => day.Count),
            Aggregation.Last => days.MaxBy(day => day.Day)!.Last,
            // The asset reported in the window: it counts once, however often it reported.
            Aggregation.Count => 1m,
            _ => throw new ArgumentOutOfRangeException(nameof(aggregation), aggregation, "Unknown aggregation."),
        };
    }
}

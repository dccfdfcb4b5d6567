namespace BillingOne.Projection.Domain;

/// <summary>The aggregations a bucket's usage is computed with, as metering spells them (docs/domain.md).</summary>
public static class UsageAggregations
{
    public const string Sum = "sum";
    public const string Count = "count";
    public const string Max = "max";
    public const string Avg = "avg";
    public const string Last = "last";

    /// <summary>In the order reports list them: the accumulating ones first.</summary>
    public static readonly IReadOnlyList<string> All = [Sum, Count, Max, Avg, Last];

    /// <summary>
    /// Only a sum grows as the period goes on, so only a sum is extrapolated by elapsed time. Count (distinct reporting
    /// assets), max, avg and last are levels that time passing does not raise: 40 mailboxes on day 5 are 40 mailboxes
    /// at the month's end, not 40 × 31 / 5 (docs/domain.md, Projections).
    /// </summary>
    public static bool Accumulates(string aggregation) => aggregation is Sum;
}

/// <summary>How the end of a period is projected from its usage so far.</summary>
public static class UsageProjectionMethods
{
    /// <summary>The usage so far over the elapsed share of the period: a sum's.</summary>
    public const string Linear = "linear";

    /// <summary>The remaining days at the average daily increment of their weekday so far: a sum's.</summary>
    public const string DayOfWeek = "day-of-week";

    /// <summary>The level seen so far, held to the period's end: a level's (count, max, avg, last).</summary>
    public const string Level = "level";

    public static readonly IReadOnlyList<string> All = [Linear, DayOfWeek, Level];

    /// <summary>
    /// The methods the backtest compares for <paramref name="aggregation"/>, the default first: a sum is scaled by time,
    /// a level never is.
    /// </summary>
    public static IReadOnlyList<string> For(string aggregation) =>
        UsageAggregations.Accumulates(aggregation) ? [Linear, DayOfWeek] : [Level];

    /// <summary>The method <paramref name="aggregation"/> is projected with until a backtest says otherwise.</summary>
    public static string Default(string aggregation) => For(aggregation)[0];
}

/// <summary>A bucket's usage part-way through a period: what the projection methods start from.</summary>
/// <param name="Aggregation">One of <see cref="UsageAggregations"/>.</param>
/// <param name="Year">The period's calendar month in the client's time zone.</param>
/// <param name="Month">The period's calendar month in the client's time zone.</param>
/// <param name="Usage">The usage so far.</param>
/// <param name="DailyUsage">The usage at the end of each whole day that has passed (entry 0 = end of day 1).</param>
/// <param name="ElapsedFraction">Share of the period that has passed, 0–1.</param>
public sealed record UsageSoFar(string Aggregation, int Year, int Month, decimal Usage, IReadOnlyList<decimal> DailyUsage,
    decimal ElapsedFraction)
{
    public int DaysInPeriod => DateTime.DaysInMonth(Year, Month);

    /// <summary>The share of [<paramref name="periodStart"/>, <paramref name="periodEnd"/>) before <paramref name="observedAt"/>, 0–1.</summary>
    public static decimal Elapsed(DateTimeOffset periodStart, DateTimeOffset periodEnd, DateTimeOffset observedAt)
    {
        var length = (periodEnd - periodStart).Ticks;
        if (length <= 0)
        {
            return 1m;
        }
        return Math.Clamp((decimal)(observedAt - periodStart).Ticks / length, 0m, 1m);
    }
}

/// <summary>The projection methods (docs/domain.md): the usage a bucket is expected to end its period with.</summary>
public static class UsageProjector
{
    /// <summary>
    /// Projects with <paramref name="method"/>, which must be one of the aggregation's
    /// (<see cref="UsageProjectionMethods.For"/>): a sum is extrapolated, a level is held at what has been seen so far.
    /// A period observed at or after its end has nothing left to project: its usage is the actual one, whatever its
    /// daily series holds.
    /// </summary>
    public static decimal Project(string method, UsageSoFar soFar)
    {
        ArgumentNullException.ThrowIfNull(soFar);
        if (!UsageProjectionMethods.For(soFar.Aggregation).Contains(method))
        {
            throw new ArgumentOutOfRangeException(nameof(method), method,
                $"Not a projection method of the aggregation {soFar.Aggregation}.");
        }
        if (soFar.ElapsedFraction >= 1)
        {
            return soFar.Usage;
        }
        return method switch
        {
            UsageProjectionMethods.Linear => Linear(soFar),
            UsageProjectionMethods.DayOfWeek => ByDayOfWeek(soFar),
            // The level method: the level seen so far stands.
            _ => soFar.Usage,
        };
    }

    /// <summary>At the very start of a period (elapsed 0) there is nothing to extrapolate: the usage so far stands.</summary>
    private static decimal Linear(UsageSoFar soFar) =>
        soFar.ElapsedFraction > 0 ? soFar.Usage / soFar.ElapsedFraction : soFar.Usage;

    /// <summary>
    /// The usage so far plus, for each day still to come, the average increment of its weekday over the whole days so
    /// far (the overall daily mean for a weekday not seen yet); the day in progress counts with the share of it left.
    /// Without a whole day there are no increments to average, and the linear rule stands in.
    /// </summary>
    private static decimal ByDayOfWeek(UsageSoFar soFar)
    {
        var daily = soFar.DailyUsage;
        var wholeDays = Math.Min(daily.Count, soFar.DaysInPeriod);
        if (wholeDays == 0)
        {
            return Linear(soFar);
        }
        var firstDay = new DateOnly(soFar.Year, soFar.Month, 1);
        var increments = new List<decimal>[7];
        for (var weekday = 0; weekday < 7; weekday++)
        {
            increments[weekday] = [];
        }
        for (var day = 0; day < wholeDays; day++)
        {
            var increment = daily[day] - (day == 0 ? 0m : daily[day - 1]);
            increments[(int)firstDay.AddDays(day).DayOfWeek].Add(increment);
        }
        var dailyMean = daily[wholeDays - 1] / wholeDays;
        var byWeekday = increments.Select(seen => seen.Count == 0 ? dailyMean : seen.Average()).ToArray();

        var projected = soFar.Usage;
        // Observed part-way through the day after the whole days: only the rest of that day is still to come.
        var shareOfDayInProgressLeft = Math.Clamp(wholeDays + 1 - soFar.ElapsedFraction * soFar.DaysInPeriod, 0m, 1m);
        for (var day = wholeDays; day < soFar.DaysInPeriod; day++)
        {
            var share = day == wholeDays ? shareOfDayInProgressLeft : 1m;
            projected += share * byWeekday[(int)firstDay.AddDays(day).DayOfWeek];
        }
        return projected;
    }
}

using BillingOne.Contracts.Money;

namespace BillingOne.Projection.Domain;

/// <summary>A finalized period of one bucket: its whole daily series and its billed usage.</summary>
public sealed record FinalPeriodUsage(string Aggregation, int Year, int Month, IReadOnlyList<decimal> DailyUsage,
    decimal FinalUsage);

/// <summary>How both methods would have done on one aggregation's past periods, and the method chosen for it.</summary>
/// <param name="PeriodsScored">Periods with a non-zero final usage, the ones the errors are averaged over.</param>
/// <param name="PeriodsWithZeroActual">Periods left out: a zero final usage has no percentage error.</param>
/// <param name="LinearMape">Mean absolute percentage error in percent (12.5 = 12.5 %); null without a scored period.</param>
/// <param name="DayOfWeekMape">Likewise for the day-of-week method.</param>
/// <param name="ChosenMethod">The method with the lower error; linear on a tie or without a scored period.</param>
public sealed record BacktestScore(string Aggregation, int PeriodsScored, int PeriodsWithZeroActual, decimal? LinearMape,
    decimal? DayOfWeekMape, string ChosenMethod);

/// <summary>
/// Replays both projection methods on finalized periods as if only their first <c>days</c> days had passed
/// (usage = the end of day <c>days</c>, elapsed = days / days in the period) and compares them with the billed usage:
/// MAPE = mean(|projected − actual| / actual) × 100 per aggregation and method.
/// </summary>
public static class UsageBacktest
{
    public const int DefaultDays = 10;

    /// <summary>One score per aggregation that has finalized periods, in <see cref="UsageAggregations.All"/> order.</summary>
    public static IReadOnlyList<BacktestScore> Run(IEnumerable<FinalPeriodUsage> periods, int days)
    {
        ArgumentNullException.ThrowIfNull(periods);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(days);
        return [.. periods
            .GroupBy(period => period.Aggregation, StringComparer.Ordinal)
            .OrderBy(group => OrderOf(group.Key)).ThenBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => Score(group.Key, group, days))];
    }

    /// <summary>The method to project <paramref name="aggregation"/> with: linear until a backtest says otherwise.</summary>
    public static string ChosenMethod(IEnumerable<BacktestScore> scores, string aggregation) =>
        scores.FirstOrDefault(score => score.Aggregation == aggregation)?.ChosenMethod ?? UsageProjectionMethods.Linear;

    private static BacktestScore Score(string aggregation, IEnumerable<FinalPeriodUsage> periods, int days)
    {
        var linearErrors = new List<decimal>();
        var dayOfWeekErrors = new List<decimal>();
        var zeroActuals = 0;
        foreach (var period in periods)
        {
            var daysInPeriod = DateTime.DaysInMonth(period.Year, period.Month);
            // A period shorter than the backtest's days, or without its daily series, has no point to project from.
            if (days >= daysInPeriod || period.DailyUsage.Count < days)
            {
                continue;
            }
            if (period.FinalUsage == 0)
            {
                zeroActuals++;
                continue;
            }
            var firstDays = period.DailyUsage.Take(days).ToList();
            var soFar = new UsageSoFar(aggregation, period.Year, period.Month, firstDays[^1], firstDays,
                (decimal)days / daysInPeriod);
            linearErrors.Add(PercentageError(UsageProjector.Project(UsageProjectionMethods.Linear, soFar), period.FinalUsage));
            dayOfWeekErrors.Add(PercentageError(UsageProjector.Project(UsageProjectionMethods.DayOfWeek, soFar), period.FinalUsage));
        }
        if (linearErrors.Count == 0)
        {
            return new BacktestScore(aggregation, 0, zeroActuals, null, null, UsageProjectionMethods.Linear);
        }
        // Compared as reported: errors that read the same are a tie (elapsed shares like 3/31 are inexact in decimal).
        var linear = Decimals.Percent(linearErrors.Average());
        var dayOfWeek = Decimals.Percent(dayOfWeekErrors.Average());
        return new BacktestScore(aggregation, linearErrors.Count, zeroActuals, linear, dayOfWeek,
            dayOfWeek < linear ? UsageProjectionMethods.DayOfWeek : UsageProjectionMethods.Linear);
    }

    private static decimal PercentageError(decimal projected, decimal actual) => Math.Abs(projected - actual) / actual * 100m;

    private static int OrderOf(string aggregation)
    {
        var index = UsageAggregations.All.ToList().IndexOf(aggregation);
        return index < 0 ? int.MaxValue : index;
    }
}

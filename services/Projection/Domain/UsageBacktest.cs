using BillingOne.Contracts.Money;

namespace BillingOne.Projection.Domain;

/// <summary>A finalized period of one bucket: its whole daily series and its billed usage.</summary>
public sealed record FinalPeriodUsage(string Aggregation, int Year, int Month, IReadOnlyList<decimal> DailyUsage,
    decimal FinalUsage);

/// <summary>
/// How the candidate methods of one aggregation (<see cref="UsageProjectionMethods.For"/>) would have done on its past
/// periods, and the method chosen for it: a sum's linear and day-of-week errors, a level's level error.
/// </summary>
/// <param name="PeriodsScored">Periods with a non-zero final usage, the ones the errors are averaged over.</param>
/// <param name="PeriodsWithZeroActual">Periods left out: a zero final usage has no percentage error.</param>
/// <param name="LinearMape">Mean absolute percentage error in percent (12.5 = 12.5 %); null without a scored period and
/// for a level, which is never scaled by time.</param>
/// <param name="DayOfWeekMape">Likewise for the day-of-week method.</param>
/// <param name="LevelMape">Likewise for the level method; null for a sum.</param>
/// <param name="ChosenMethod">The candidate with the lower error; the aggregation's default
/// (<see cref="UsageProjectionMethods.Default"/>) on a tie or without a scored period.</param>
/// <param name="ChosenMape">The chosen method's error; null without a scored period.</param>
public sealed record BacktestScore(string Aggregation, int PeriodsScored, int PeriodsWithZeroActual, decimal? LinearMape,
    decimal? DayOfWeekMape, decimal? LevelMape, string ChosenMethod, decimal? ChosenMape);

/// <summary>
/// One finalized period's part in its aggregation's backtest: the absolute percentage error of each of the aggregation's
/// methods, or why it has none (a zero final usage, counted; too short a period or daily series, left out). Stored per
/// bucket and period when the period's final observation arrives, so scoring an organization only adds these up.
/// </summary>
/// <param name="LinearError">|projected − actual| / actual × 100, rounded to <see cref="UsageBacktest.ErrorDecimals"/>
/// digits; null when the period is not scored or is a level's.</param>
/// <param name="DayOfWeekError">Likewise for the day-of-week method.</param>
/// <param name="LevelError">Likewise for the level method; null for a sum's period.</param>
/// <param name="ZeroActual">The period's final usage is zero: left out of the errors, counted.</param>
public sealed record BacktestPeriodErrors(decimal? LinearError, decimal? DayOfWeekError, decimal? LevelError,
    bool ZeroActual)
{
    /// <summary>A period the backtest cannot project from (shorter than the days, or without their daily series).</summary>
    public static readonly BacktestPeriodErrors NotScored = new(null, null, null, false);

    public static readonly BacktestPeriodErrors ZeroActualUsage = new(null, null, null, true);

    public bool Scored => LinearError is not null || LevelError is not null;
}

/// <summary>
/// The stored errors of one aggregation's finalized periods added up: what its <see cref="BacktestScore"/> is made of.
/// </summary>
/// <param name="LinearErrors">Σ of the scored periods' linear errors.</param>
/// <param name="DayOfWeekErrors">Σ of their day-of-week errors.</param>
/// <param name="LevelErrors">Σ of their level errors.</param>
public sealed record BacktestTotals(string Aggregation, int PeriodsScored, int PeriodsWithZeroActual,
    decimal LinearErrors, decimal DayOfWeekErrors, decimal LevelErrors);

/// <summary>
/// Replays each aggregation's projection methods (<see cref="UsageProjectionMethods.For"/>: linear and day-of-week for a
/// sum, the level for a level) on finalized periods as if only their first <c>days</c> days had passed (usage = the end
/// of day <c>days</c>, elapsed = days / days in the period) and compares them with the billed usage:
/// MAPE = mean(|projected − actual| / actual) × 100 per aggregation and method. Each period's errors are computed once
/// (<see cref="PeriodErrors"/>) and a score is their totals' means (<see cref="Score"/>), so a score from stored
/// errors is the one <see cref="Run"/> computes from the periods themselves.
/// </summary>
public static class UsageBacktest
{
    public const int DefaultDays = 10;

    /// <summary>
    /// Digits a period's error is kept with: a sum of millions of them stays exact in a decimal and in PostgreSQL's
    /// numeric alike, and the scores, reported to one digit, do not move.
    /// </summary>
    public const int ErrorDecimals = 12;

    /// <summary>One score per aggregation that has finalized periods, in <see cref="UsageAggregations.All"/> order.</summary>
    public static IReadOnlyList<BacktestScore> Run(IEnumerable<FinalPeriodUsage> periods, int days)
    {
        ArgumentNullException.ThrowIfNull(periods);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(days);
        return Scores(periods
            .GroupBy(period => period.Aggregation, StringComparer.Ordinal)
            .Select(group => Totals(group.Key, group.Select(period => PeriodErrors(period, days)))));
    }

    /// <summary>The scores of aggregations' totals, in <see cref="UsageAggregations.All"/> order.</summary>
    public static IReadOnlyList<BacktestScore> Scores(IEnumerable<BacktestTotals> totals) =>
        [.. totals.OrderBy(total => OrderOf(total.Aggregation)).ThenBy(total => total.Aggregation, StringComparer.Ordinal)
            .Select(Score)];

    /// <summary>
    /// The method to project <paramref name="aggregation"/> with: its default until a backtest says otherwise.
    /// </summary>
    public static string ChosenMethod(IEnumerable<BacktestScore> scores, string aggregation) =>
        scores.FirstOrDefault(score => score.Aggregation == aggregation)?.ChosenMethod
            ?? UsageProjectionMethods.Default(aggregation);

    /// <summary>
    /// How the aggregation's methods do on one finalized period projected from its first <paramref name="days"/> days.
    /// </summary>
    public static BacktestPeriodErrors PeriodErrors(FinalPeriodUsage period, int days)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(days);
        var daysInPeriod = DateTime.DaysInMonth(period.Year, period.Month);
        // A period shorter than the backtest's days, or without its daily series, has no point to project from.
        if (days >= daysInPeriod || period.DailyUsage.Count < days)
        {
            return BacktestPeriodErrors.NotScored;
        }
        if (period.FinalUsage == 0)
        {
            return BacktestPeriodErrors.ZeroActualUsage;
        }
        var firstDays = period.DailyUsage.Take(days).ToList();
        var soFar = new UsageSoFar(period.Aggregation, period.Year, period.Month, firstDays[^1], firstDays,
            (decimal)days / daysInPeriod);
        decimal? Error(string method) => UsageProjectionMethods.For(period.Aggregation).Contains(method)
            ? PercentageError(UsageProjector.Project(method, soFar), period.FinalUsage)
            : null;
        return new BacktestPeriodErrors(Error(UsageProjectionMethods.Linear), Error(UsageProjectionMethods.DayOfWeek),
            Error(UsageProjectionMethods.Level), false);
    }

    /// <summary>The mean errors of the totals' scored periods and the method chosen by them.</summary>
    public static BacktestScore Score(BacktestTotals totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        var candidates = UsageProjectionMethods.For(totals.Aggregation);
        // Compared as reported: errors that read the same are a tie (elapsed shares like 3/31 are inexact in decimal).
        decimal? Mape(string method, decimal errors) => totals.PeriodsScored > 0 && candidates.Contains(method)
            ? Decimals.ApiPercent(errors / totals.PeriodsScored)
            : null;
        var mapes = new Dictionary<string, decimal?>(StringComparer.Ordinal)
        {
            [UsageProjectionMethods.Linear] = Mape(UsageProjectionMethods.Linear, totals.LinearErrors),
            [UsageProjectionMethods.DayOfWeek] = Mape(UsageProjectionMethods.DayOfWeek, totals.DayOfWeekErrors),
            [UsageProjectionMethods.Level] = Mape(UsageProjectionMethods.Level, totals.LevelErrors),
        };
        // The first candidate with the lowest error: the default wins a tie.
        var chosen = candidates.Aggregate((best, method) => mapes[method] < mapes[best] ? method : best);
        return new BacktestScore(totals.Aggregation, totals.PeriodsScored, totals.PeriodsWithZeroActual,
            mapes[UsageProjectionMethods.Linear], mapes[UsageProjectionMethods.DayOfWeek], mapes[UsageProjectionMethods.Level],
            chosen, mapes[chosen]);
    }

    private static BacktestTotals Totals(string aggregation, IEnumerable<BacktestPeriodErrors> periods)
    {
        var (scored, zeroActuals, linear, dayOfWeek, level) = (0, 0, 0m, 0m, 0m);
        foreach (var period in periods)
        {
            if (period.ZeroActual)
            {
                zeroActuals++;
            }
            else if (period.Scored)
            {
                scored++;
                linear += period.LinearError ?? 0m;
                dayOfWeek += period.DayOfWeekError ?? 0m;
                level += period.LevelError ?? 0m;
            }
        }
        return new BacktestTotals(aggregation, scored, zeroActuals, linear, dayOfWeek, level);
    }

    private static decimal PercentageError(decimal projected, decimal actual) =>
        Math.Round(Math.Abs(projected - actual) / actual * 100m, ErrorDecimals, MidpointRounding.AwayFromZero);

    private static int OrderOf(string aggregation)
    {
        var index = UsageAggregations.All.ToList().IndexOf(aggregation);
        return index < 0 ? int.MaxValue : index;
    }
}

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
/// One finalized period's part in its aggregation's backtest: the absolute percentage error of each method, or why it
/// has none (a zero final usage, counted; too short a period or daily series, left out). Stored per bucket and period
/// when the period's final observation arrives, so scoring an organization only adds these up.
/// </summary>
/// <param name="LinearError">|projected − actual| / actual × 100, rounded to <see cref="UsageBacktest.ErrorDecimals"/>
/// digits; null when the period is not scored.</param>
/// <param name="DayOfWeekError">Likewise for the day-of-week method.</param>
/// <param name="ZeroActual">The period's final usage is zero: left out of the errors, counted.</param>
public sealed record BacktestPeriodErrors(decimal? LinearError, decimal? DayOfWeekError, bool ZeroActual)
{
    /// <summary>A period the backtest cannot project from (shorter than the days, or without their daily series).</summary>
    public static readonly BacktestPeriodErrors NotScored = new(null, null, false);

    public static readonly BacktestPeriodErrors ZeroActualUsage = new(null, null, true);
}

/// <summary>
/// The stored errors of one aggregation's finalized periods added up: what its <see cref="BacktestScore"/> is made of.
/// </summary>
/// <param name="LinearErrors">Σ of the scored periods' linear errors.</param>
/// <param name="DayOfWeekErrors">Σ of their day-of-week errors.</param>
public sealed record BacktestTotals(string Aggregation, int PeriodsScored, int PeriodsWithZeroActual,
    decimal LinearErrors, decimal DayOfWeekErrors);

/// <summary>
/// Replays both projection methods on finalized periods as if only their first <c>days</c> days had passed
/// (usage = the end of day <c>days</c>, elapsed = days / days in the period) and compares them with the billed usage:
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

    /// <summary>The method to project <paramref name="aggregation"/> with: linear until a backtest says otherwise.</summary>
    public static string ChosenMethod(IEnumerable<BacktestScore> scores, string aggregation) =>
        scores.FirstOrDefault(score => score.Aggregation == aggregation)?.ChosenMethod ?? UsageProjectionMethods.Linear;

    /// <summary>How both methods do on one finalized period projected from its first <paramref name="days"/> days.</summary>
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
        return new BacktestPeriodErrors(
            PercentageError(UsageProjector.Project(UsageProjectionMethods.Linear, soFar), period.FinalUsage),
            PercentageError(UsageProjector.Project(UsageProjectionMethods.DayOfWeek, soFar), period.FinalUsage),
            false);
    }

    /// <summary>The mean errors of the totals' scored periods and the method chosen by them.</summary>
    public static BacktestScore Score(BacktestTotals totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        if (totals.PeriodsScored == 0)
        {
            return new BacktestScore(totals.Aggregation, 0, totals.PeriodsWithZeroActual, null, null,
                UsageProjectionMethods.Linear);
        }
        // Compared as reported: errors that read the same are a tie (elapsed shares like 3/31 are inexact in decimal).
        var linear = Decimals.Percent(totals.LinearErrors / totals.PeriodsScored);
        var dayOfWeek = Decimals.Percent(totals.DayOfWeekErrors / totals.PeriodsScored);
        return new BacktestScore(totals.Aggregation, totals.PeriodsScored, totals.PeriodsWithZeroActual, linear, dayOfWeek,
            dayOfWeek < linear ? UsageProjectionMethods.DayOfWeek : UsageProjectionMethods.Linear);
    }

    private static BacktestTotals Totals(string aggregation, IEnumerable<BacktestPeriodErrors> periods)
    {
        var (scored, zeroActuals, linear, dayOfWeek) = (0, 0, 0m, 0m);
        foreach (var period in periods)
        {
            if (period.ZeroActual)
            {
                zeroActuals++;
            }
            else if (period is { LinearError: { } linearError, DayOfWeekError: { } dayOfWeekError })
            {
                scored++;
                linear += linearError;
                dayOfWeek += dayOfWeekError;
            }
        }
        return new BacktestTotals(aggregation, scored, zeroActuals, linear, dayOfWeek);
    }

    private static decimal PercentageError(decimal projected, decimal actual) =>
        Math.Round(Math.Abs(projected - actual) / actual * 100m, ErrorDecimals, MidpointRounding.AwayFromZero);

    private static int OrderOf(string aggregation)
    {
        var index = UsageAggregations.All.ToList().IndexOf(aggregation);
        return index < 0 ? int.MaxValue : index;
    }
}

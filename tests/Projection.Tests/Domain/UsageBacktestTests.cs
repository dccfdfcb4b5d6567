using BillingOne.Projection.Domain;

namespace BillingOne.Projection.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class UsageBacktestTests
{
    [Fact]
    public void Weekly_seasonality_makes_day_of_week_beat_linear()
    {
        // January 2025 to January 2026: weekdays 10 units, weekends 2. Ten days hold every weekday, so day-of-week
        // projects each month exactly; linear is off by 5.85 % (Jan), 11.85 % (Feb), 8.35 % (Mar), 6.78 % (Apr),
        // 1.01 % (May), 0 (Jun), … — 74.81 % over 13 months, a mean of 5.75 %.
        var periods = Enumerable.Range(0, 13).Select(index => Period("sum", 2025 + index / 12, index % 12 + 1)).ToList();

        var scores = UsageBacktest.Run(periods, 10);

        scores.ShouldBe([new BacktestScore("sum", 13, 0, 5.754692m, 0.0m, null, "day-of-week", 0.0m)]);
        UsageBacktest.ChosenMethod(scores, "sum").ShouldBe("day-of-week");
    }

    [Fact]
    public void Zero_actuals_are_left_out_and_counted_and_ties_choose_linear()
    {
        var january = Period("sum", 2025, 1);
        var idle = new FinalPeriodUsage("sum", 2025, 2, [.. Enumerable.Repeat(0m, 28)], 0m);
        // A level: 5 for the first ten days, 8 at the end; the level method holds 5, |5 − 8| / 8 = 37.5 %.
        var level = new FinalPeriodUsage("max", 2025, 3, [.. Enumerable.Repeat(5m, 30), 8m], 8m);

        var scores = UsageBacktest.Run([level, idle, january], 10);

        scores.ShouldBe(
        [
            new BacktestScore("sum", 1, 1, 5.853659m, 0.0m, null, "day-of-week", 0.0m), // |260.4 − 246| / 246 = 5.85 %
            new BacktestScore("max", 1, 0, null, null, 37.5m, "level", 37.5m),
        ]);
    }

    [Fact]
    public void Without_scored_periods_the_method_is_the_aggregations_default()
    {
        var idle = new FinalPeriodUsage("count", 2025, 2, [.. Enumerable.Repeat(0m, 28)], 0m);

        var scores = UsageBacktest.Run([idle], 10);

        scores.ShouldBe([new BacktestScore("count", 0, 1, null, null, null, "level", null)]);
        UsageBacktest.ChosenMethod(scores, "count").ShouldBe("level");
        UsageBacktest.ChosenMethod(scores, "max").ShouldBe("level");
        UsageBacktest.ChosenMethod(scores, "sum").ShouldBe("linear");
    }

    [Fact]
    public void A_count_is_backtested_with_the_level_method_and_never_scaled_by_time()
    {
        // 40 mailboxes reporting through the first ten days of January 2025, 42 by the end. The level method projects
        // 40: |40 − 42| / 42 = 4.7619…%. Scaling by time (40 / (10/31) = 124, 195 % off) is not a candidate.
        var mailboxes = new FinalPeriodUsage("count", 2025, 1, [.. Enumerable.Repeat(40m, 20), .. Enumerable.Repeat(42m, 11)],
            42m);

        UsageBacktest.PeriodErrors(mailboxes, 10).ShouldBe(new BacktestPeriodErrors(null, null, 4.761904761905m, false));
        UsageBacktest.Run([mailboxes], 10).ShouldBe([new BacktestScore("count", 1, 0, null, null, 4.761905m, "level", 4.761905m)]);
    }

    [Theory]
    [InlineData("max")]
    [InlineData("avg")]
    [InlineData("last")]
    public void Max_avg_and_last_are_backtested_with_the_level_method_only(string aggregation)
    {
        // 10 for the first ten days, 12.5 at the end: |10 − 12.5| / 12.5 = 20 %.
        var period = new FinalPeriodUsage(aggregation, 2025, 1, [.. Enumerable.Repeat(10m, 30), 12.5m], 12.5m);

        UsageBacktest.Run([period], 10).ShouldBe([new BacktestScore(aggregation, 1, 0, null, null, 20.0m, "level", 20.0m)]);
    }

    [Fact]
    public void The_days_set_the_point_projected_from()
    {
        // From the first 3 days (Wed–Fri, 30): linear 30 / (3/31) = 310, 64 over; day-of-week takes 10 for the
        // weekdays seen and the mean 10 for the weekend days not seen yet: 310 too.
        var scores = UsageBacktest.Run([Period("sum", 2025, 1)], 3);

        scores.ShouldBe([new BacktestScore("sum", 1, 0, 26.01626m, 26.01626m, null, "linear", 26.01626m)], "64 / 246 = 26.02 %, a tie");
    }

    [Fact]
    public void A_periods_errors_are_kept_to_twelve_digits_and_say_why_a_period_is_not_scored()
    {
        // January 2025 from its first ten days (84): linear 84 / (10/31) = 260.4, |260.4 − 246| / 246 = 5.853658536585…%.
        UsageBacktest.PeriodErrors(Period("sum", 2025, 1), 10)
            .ShouldBe(new BacktestPeriodErrors(5.853658536585m, 0m, null, false));
        UsageBacktest.PeriodErrors(new FinalPeriodUsage("sum", 2025, 2, [.. Enumerable.Repeat(0m, 28)], 0m), 10)
            .ShouldBe(BacktestPeriodErrors.ZeroActualUsage);
        UsageBacktest.PeriodErrors(new FinalPeriodUsage("sum", 2025, 2, [1m, 2m, 3m], 30m), 10)
            .ShouldBe(BacktestPeriodErrors.NotScored, "three days of a series cannot show the first ten");
        UsageBacktest.PeriodErrors(Period("sum", 2025, 2), 28).ShouldBe(BacktestPeriodErrors.NotScored,
            "28 days are the whole of February: nothing is left to project");
    }

    [Fact]
    public void Scores_from_stored_period_errors_are_the_scores_of_the_periods()
    {
        var periods = Enumerable.Range(0, 13).Select(index => Period("sum", 2025 + index / 12, index % 12 + 1))
            .Append(new FinalPeriodUsage("count", 2025, 2, [.. Enumerable.Repeat(0m, 28)], 0m)).ToList();
        var stored = periods.Select(period => (period.Aggregation, Errors: UsageBacktest.PeriodErrors(period, 10))).ToList();

        var totals = stored.GroupBy(row => row.Aggregation).Select(group => new BacktestTotals(group.Key,
            group.Count(row => row.Errors.Scored), group.Count(row => row.Errors.ZeroActual),
            group.Sum(row => row.Errors.LinearError ?? 0m), group.Sum(row => row.Errors.DayOfWeekError ?? 0m),
            group.Sum(row => row.Errors.LevelError ?? 0m)));

        UsageBacktest.Scores(totals).ShouldBe(UsageBacktest.Run(periods, 10));
        UsageBacktest.Scores(totals).ShouldBe(
        [
            new BacktestScore("sum", 13, 0, 5.754692m, 0.0m, null, "day-of-week", 0.0m),
            new BacktestScore("count", 0, 1, null, null, null, "level", null),
        ]);
    }

    private static FinalPeriodUsage Period(string aggregation, int year, int month)
    {
        var daily = UsageProjectionTests.Cumulative(UsageProjectionTests.DailyIncrements(year, month));
        return new FinalPeriodUsage(aggregation, year, month, daily, daily[^1]);
    }
}

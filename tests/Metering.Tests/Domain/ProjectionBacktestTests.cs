using BillingOne.Metering.Domain;

namespace BillingOne.Metering.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class ProjectionBacktestTests
{
    [Fact]
    public void Reports_the_mean_absolute_percentage_error_of_past_periods()
    {
        // Halfway usage 50, 60, 40 → projected 100, 120, 80 against actuals 100, 100, 100: errors 0 %, 20 %, 20 %.
        PastPeriodUsage[] periods = [new(50m, 100m), new(60m, 100m), new(40m, 100m)];

        var result = ProjectionBacktest.Run(Aggregation.Sum, 0.5m, periods);

        result.PeriodsScored.ShouldBe(3);
        result.PeriodsWithZeroActual.ShouldBe(0);
        result.MeanAbsolutePercentageError.ShouldBe(40m / 3m);
    }

    [Fact]
    public void Uses_the_same_rule_as_the_projection_for_held_aggregations()
    {
        // max is held: 90 at the halfway mark against a final peak of 120 is 25 % off.
        var result = ProjectionBacktest.Run(Aggregation.Max, 0.5m, [new(90m, 120m)]);

        result.MeanAbsolutePercentageError.ShouldBe(25m);
    }

    [Fact]
    public void Periods_with_zero_actual_usage_are_left_out_of_the_mean_and_counted()
    {
        PastPeriodUsage[] periods = [new(0m, 0m), new(5m, 0m), new(30m, 100m)];

        var result = ProjectionBacktest.Run(Aggregation.Sum, 0.25m, periods);

        result.PeriodsScored.ShouldBe(1);
        result.PeriodsWithZeroActual.ShouldBe(2);
        result.MeanAbsolutePercentageError.ShouldBe(20m); // 120 projected vs 100
    }

    [Fact]
    public void No_scorable_period_has_no_error_figure()
    {
        ProjectionBacktest.Run(Aggregation.Sum, 0.5m, []).MeanAbsolutePercentageError.ShouldBeNull();
        ProjectionBacktest.Run(Aggregation.Sum, 0.5m, [new(0m, 0m)]).MeanAbsolutePercentageError.ShouldBeNull();
    }

    [Fact]
    public void Negative_usage_is_not_a_past_period() =>
        Should.Throw<ArgumentOutOfRangeException>(() => new PastPeriodUsage(-1m, 10m));
}

using BillingOne.Contracts.Money;
using BillingOne.Metering.Domain;

namespace BillingOne.Metering.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class UsageProjectionTests
{
    private static Money Usd(decimal amount) => new(amount, "USD");

    // $200 for 1,000 units, $0.50 per extra unit.
    private static readonly BucketPricing Pricing = new(Usd(200m), 1000m, Usd(0.5m));

    [Fact]
    public void Sum_is_extrapolated_over_the_rest_of_the_period()
    {
        // 600 units a quarter of the way through → 2,400 units: 1,400 over at $0.50 = $700 overage.
        var projection = UsageProjection.Project(Aggregation.Sum, usageSoFar: 600m, elapsedFraction: 0.25m, Pricing);

        projection.CurrentUsage.ShouldBe(600m);
        projection.ProjectedUsage.ShouldBe(2400m);
        projection.ProjectedCost.Cost.ShouldBe(Usd(900m));
        projection.ProjectedCost.Overage.ShouldBe(Usd(700m));
        projection.PercentOfCommit.ShouldBe(240m);
    }

    [Fact]
    public void Count_is_extrapolated_as_the_design_specifies() =>
        UsageProjection.ProjectUsage(Aggregation.Count, 30m, 0.75m).ShouldBe(40m);

    [Theory]
    [InlineData(Aggregation.Max)]
    [InlineData(Aggregation.Last)]
    [InlineData(Aggregation.Avg)]
    public void Level_aggregations_are_held(Aggregation aggregation)
    {
        var projection = UsageProjection.Project(aggregation, usageSoFar: 800m, elapsedFraction: 0.4m, Pricing);

        projection.ProjectedUsage.ShouldBe(800m);
        projection.ProjectedCost.Cost.ShouldBe(Usd(200m));
        projection.ProjectedCost.Buffer.ShouldBe(Usd(40m)); // 200 unused × 200 / 1,000
        projection.PercentOfCommit.ShouldBe(80m);
    }

    [Fact]
    public void At_the_end_of_the_period_the_projection_is_the_usage() =>
        UsageProjection.ProjectUsage(Aggregation.Sum, 1234.5m, 1m).ShouldBe(1234.5m);

    [Fact]
    public void At_the_start_of_the_period_there_is_nothing_to_extrapolate() =>
        UsageProjection.ProjectUsage(Aggregation.Sum, 0m, 0m).ShouldBe(0m);

    [Fact]
    public void A_zero_commit_has_no_percentage()
    {
        var payAsYouGo = new BucketPricing(Usd(0m), 0m, Usd(1m));

        var projection = UsageProjection.Project(Aggregation.Sum, 10m, 0.5m, payAsYouGo);

        projection.ProjectedCost.Cost.ShouldBe(Usd(20m));
        projection.PercentOfCommit.ShouldBeNull();
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    public void Elapsed_fraction_must_be_between_zero_and_one(double fraction) =>
        Should.Throw<ArgumentOutOfRangeException>(() => UsageProjection.ProjectUsage(Aggregation.Sum, 1m, (decimal)fraction));

    [Fact]
    public void Projects_from_a_billing_periods_elapsed_fraction()
    {
        // Halfway through New York's March 2025 (743 real hours) with 50 units used → 100 projected.
        var march = BillingPeriod.ForMonth(2025, 3, TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        var halfway = march.Start.AddHours(371.5);

        UsageProjection.ProjectUsage(Aggregation.Sum, 50m, march.ElapsedFraction(halfway)).ShouldBe(100m);
    }
}

using BillingOne.Metering.Domain;

namespace BillingOne.Metering.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class BucketUsageTests
{
    private static readonly TimeZoneInfo Sydney = TimeZoneInfo.FindSystemTimeZoneById("Australia/Sydney");
    private static readonly BillingPeriod May2025 = BillingPeriod.ForMonth(2025, 5, Sydney);

    private static readonly Guid ServerA = Guid.Parse("00000000-0000-0000-0000-00000000000a");
    private static readonly Guid ServerB = Guid.Parse("00000000-0000-0000-0000-00000000000b");

    private static MeterReading Reading(Guid asset, decimal quantity, int day, int hour = 12) =>
        new(asset, quantity, May2025.Start.AddDays(day - 1).AddHours(hour));

    // Server A reports 10, 30, 20 (last on the 20th); server B reports 5 then 7 (last on the 15th).
    private static readonly MeterReading[] TwoServers =
    [
        Reading(ServerA, 10m, day: 1),
        Reading(ServerA, 30m, day: 10),
        Reading(ServerA, 20m, day: 20),
        Reading(ServerB, 7m, day: 15),
        Reading(ServerB, 5m, day: 2),
    ];

    [Theory]
    [InlineData(Aggregation.Sum, 72)] // (10 + 30 + 20) + (5 + 7)
    [InlineData(Aggregation.Max, 37)] // 30 + 7: each server's peak, not the single highest reading
    [InlineData(Aggregation.Avg, 26)] // 20 + 6
    [InlineData(Aggregation.Last, 27)] // 20 + 7, by observed_at, not by input order
    [InlineData(Aggregation.Count, 2)] // two servers reported
    public void Aggregates_per_asset_then_sums_over_assets(Aggregation aggregation, int expected)
    {
        var usage = BucketUsage.Calculate(aggregation, May2025, TwoServers);

        usage.Total.ShouldBe(expected);
        usage.Assets.Sum(asset => asset.Usage).ShouldBe(usage.Total);
    }

    [Fact]
    public void Reports_each_assets_share_and_reading_count()
    {
        var usage = BucketUsage.Calculate(Aggregation.Sum, May2025, TwoServers);

        usage.Assets.ShouldBe([new AssetUsage(ServerA, 60m, 3), new AssetUsage(ServerB, 12m, 2)]);
    }

    [Fact]
    public void Averages_are_added_up_exactly_and_the_total_is_rounded_once_to_six_decimals()
    {
        MeterReading[] thirds = [Reading(ServerA, 1m, 1), Reading(ServerA, 1m, 2), Reading(ServerA, 2m, 3)];
        // Each server's mean is 1.5000015: rounded per server the total would be 3.000004.
        MeterReading[] halves =
        [
            Reading(ServerA, 1.000001m, 1), Reading(ServerA, 2.000002m, 2),
            Reading(ServerB, 1.000001m, 3), Reading(ServerB, 2.000002m, 4),
        ];

        BucketUsage.Calculate(Aggregation.Avg, May2025, thirds).Total.ShouldBe(1.333333m);
        BucketUsage.Calculate(Aggregation.Avg, May2025, halves).Total.ShouldBe(3.000003m);
    }

    [Fact]
    public void Readings_outside_the_period_are_ignored()
    {
        MeterReading[] readings =
        [
            new(ServerA, 100m, May2025.Start.AddTicks(-1)),
            new(ServerA, 1m, May2025.Start),
            new(ServerA, 2m, May2025.End.AddTicks(-1)),
            new(ServerB, 100m, May2025.End),
        ];

        BucketUsage.Calculate(Aggregation.Sum, May2025, readings).Total.ShouldBe(3m);
        BucketUsage.Calculate(Aggregation.Count, May2025, readings).Total.ShouldBe(1m);
    }

    [Fact]
    public void An_asset_that_reported_zero_still_counts_as_reporting()
    {
        MeterReading[] readings = [Reading(ServerA, 0m, 3), Reading(ServerB, 4m, 3)];

        BucketUsage.Calculate(Aggregation.Count, May2025, readings).Total.ShouldBe(2m);
    }

    [Fact]
    public void Last_breaks_a_tie_on_observed_at_by_the_larger_quantity_whatever_the_order()
    {
        MeterReading[] readings = [Reading(ServerA, 3m, 5), Reading(ServerA, 9m, 5)];

        BucketUsage.Calculate(Aggregation.Last, May2025, readings).Total.ShouldBe(9m);
        BucketUsage.Calculate(Aggregation.Last, May2025, readings.Reverse()).Total.ShouldBe(9m);
    }

    [Theory]
    [InlineData(Aggregation.Sum)]
    [InlineData(Aggregation.Max)]
    [InlineData(Aggregation.Avg)]
    [InlineData(Aggregation.Last)]
    [InlineData(Aggregation.Count)]
    public void No_readings_is_zero_usage(Aggregation aggregation)
    {
        var usage = BucketUsage.Calculate(aggregation, May2025, []);

        usage.Total.ShouldBe(0m);
        usage.Assets.ShouldBeEmpty();
    }

    [Fact]
    public void A_negative_quantity_is_not_a_reading() =>
        Should.Throw<ArgumentOutOfRangeException>(() => new MeterReading(ServerA, -1m, May2025.Start));
}

using BillingOne.Metering.Domain;

namespace BillingOne.Metering.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class UsageSeriesTests
{
    private static readonly DateOnly From = new(2025, 3, 1);
    private static readonly DateOnly To = new(2025, 3, 4);

    // 2 March: readings 2 and 6 (last 6); 4 March: readings 5, 1, 3 (last 3).
    private static readonly DailyReadings[] Days =
    [
        new(new DateOnly(2025, 3, 2), Sum: 8m, Max: 6m, Count: 2, Last: 6m),
        new(new DateOnly(2025, 3, 4), Sum: 9m, Max: 5m, Count: 3, Last: 3m),
    ];

    [Theory]
    [InlineData(Aggregation.Sum, 8, 9, 17)]
    [InlineData(Aggregation.Max, 6, 5, 6)]
    [InlineData(Aggregation.Avg, 4, 3, 3.4)]
    [InlineData(Aggregation.Last, 6, 3, 3)]
    [InlineData(Aggregation.Count, 1, 1, 1)]
    public void Each_day_and_the_window_are_aggregated_like_the_readings_themselves(Aggregation aggregation,
        double second, double fourth, double total)
    {
        var series = UsageSeries.Build("backup-gb", aggregation, 2, From, To, Days);

        series.Points.ShouldBe([
            new UsagePoint(new DateOnly(2025, 3, 1), 0m),
            new UsagePoint(new DateOnly(2025, 3, 2), (decimal)second),
            new UsagePoint(new DateOnly(2025, 3, 3), 0m),
            new UsagePoint(new DateOnly(2025, 3, 4), (decimal)fourth),
        ]);
        series.Total.ShouldBe((decimal)total);
        (series.UnitTypeKey, series.Aggregation).ShouldBe(("backup-gb", aggregation));
    }

    [Fact]
    public void Days_outside_the_window_are_ignored()
    {
        var series = UsageSeries.Build("k", Aggregation.Sum, 2, new DateOnly(2025, 3, 3), To, Days);

        series.Points.Count.ShouldBe(2);
        series.Total.ShouldBe(9m);
    }

    [Fact]
    public void A_window_without_readings_is_all_zeros()
    {
        var series = UsageSeries.Build("k", Aggregation.Max, 2, From, To, []);

        series.Points.ShouldAllBe(point => point.Value == 0m);
        series.Total.ShouldBe(0m);
    }
}

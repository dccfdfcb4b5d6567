using BillingOne.Contracts.Money;
using BillingOne.Metering.Domain;

namespace BillingOne.Metering.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class UsageAnomalyRulesTests
{
    /// <summary>Examined day 14 March 2026: history 14 Feb – 13 Mar, silent days 13 and 14 March.</summary>
    private static readonly UsageAnomalyWindow Window = new(new DateOnly(2026, 3, 14));

    /// <summary>500 AUD for 100 units (5 AUD a unit), 6.125 AUD per unit above.</summary>
    private static readonly BucketPricing Pricing = new(new Money(500m, "AUD"), 100m, new Money(6.125m, "AUD"));

    // Sorted: 8 9 10 10 10 10 11 11 12 13 → median 10; deviations sorted 0 0 0 0 1 1 1 2 2 3 → MAD 1;
    // threshold max(3 × 10, 10 + 5 × 1) = 30.
    private static readonly decimal[] SteadyHistory = [10m, 12m, 9m, 11m, 10m, 13m, 10m, 8m, 11m, 10m];

    [Fact]
    public void The_window_examines_the_last_complete_utc_day_against_the_28_days_before()
    {
        var window = UsageAnomalyWindow.Before(new DateTimeOffset(2026, 3, 15, 10, 0, 0, TimeSpan.Zero));

        window.Day.ShouldBe(new DateOnly(2026, 3, 14));
        window.From.ShouldBe(new DateOnly(2026, 2, 14));
        window.Start.ShouldBe(new DateTimeOffset(2026, 2, 14, 0, 0, 0, TimeSpan.Zero));
        window.End.ShouldBe(new DateTimeOffset(2026, 3, 15, 0, 0, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData(Aggregation.Sum, 10)]
    [InlineData(Aggregation.Max, 5)]
    [InlineData(Aggregation.Avg, 3.333333)]   // 10 / 3 to six decimals
    [InlineData(Aggregation.Last, 4)]
    [InlineData(Aggregation.Count, 1)]
    public void The_daily_figure_follows_the_buckets_aggregation(Aggregation aggregation, double expected) =>
        UsageAnomalyRules.DailyFigure(aggregation, new DailyReadings(Window.Day, Sum: 10m, Max: 5m, Count: 3, Last: 4m))
            .ShouldBe((decimal)expected);

    [Fact]
    public void A_day_far_above_the_median_is_a_spike_priced_at_the_overage_for_the_extra_units()
    {
        var anomaly = Detect(Aggregation.Sum, History(SteadyHistory, examined: 45m));

        anomaly.ShouldBe(new UsageAnomaly(UsageAnomalyKind.Spike, Window.Day, Expected: 10m, Observed: 45m, Units: 35m,
            UnitPrice: new Money(6.125m, "AUD"), ReportingDays: 10, SilentDays: 0,
            EstimatedImpact: new Money(214.38m, "AUD")));   // 35 × 6.125 = 214.375
        anomaly!.Explanation(2).ShouldBe("45.00 on 2026-03-14 against a usual 10.00 a day (median of 10 days with " +
            "readings): 35.00 extra units at 6.125 AUD overage.");
    }

    [Theory]
    [InlineData(30)]   // the threshold itself
    [InlineData(12)]
    [InlineData(0)]
    public void A_day_up_to_the_threshold_is_no_anomaly(double examined) =>
        Detect(Aggregation.Sum, History(SteadyHistory, examined: (decimal)examined)).ShouldBeNull();

    [Theory]
    [InlineData(70, false)]   // median 20, MAD 10: threshold max(60, 70) = 70
    [InlineData(71, true)]
    public void A_wide_history_raises_the_threshold_by_five_median_absolute_deviations(double examined, bool spike)
    {
        var anomaly = Detect(Aggregation.Sum, History([10m, 30m, 10m, 30m, 10m, 30m, 10m, 30m], (decimal)examined));

        (anomaly is not null).ShouldBe(spike);
        if (spike)
        {
            (anomaly!.Expected, anomaly.Units, anomaly.EstimatedImpact).ShouldBe((20m, 51m, new Money(312.38m, "AUD")));
        }
    }

    [Fact]
    public void One_outlier_in_the_history_does_not_move_the_usual_figure()
    {
        // Sorted: 10 × 6, 11, 500 → median 10, MAD 0: 31 is a spike although the history once reached 500.
        var anomaly = Detect(Aggregation.Sum, History([10m, 10m, 500m, 10m, 11m, 10m, 10m, 10m], examined: 31m));

        (anomaly!.Kind, anomaly.Expected, anomaly.Units).ShouldBe((UsageAnomalyKind.Spike, 10m, 21m));
    }

    [Fact]
    public void A_spike_needs_seven_history_days_with_readings()
    {
        Detect(Aggregation.Sum, History([10m, 10m, 10m, 10m, 10m, 10m], examined: 1000m)).ShouldBeNull();
        Detect(Aggregation.Sum, History([10m, 10m, 10m, 10m, 10m, 10m, 10m], examined: 1000m))!.Kind
            .ShouldBe(UsageAnomalyKind.Spike);
    }

    [Fact]
    public void An_asset_whose_usual_day_is_zero_has_no_scale_to_spike_from() =>
        Detect(Aggregation.Sum, History([0m, 0m, 0m, 0m, 0m, 0m, 0m, 1m], examined: 1000m)).ShouldBeNull();

    [Fact]
    public void A_count_bucket_never_spikes() =>
        Detect(Aggregation.Count, History(SteadyHistory, examined: 45m)).ShouldBeNull();

    [Theory]
    [InlineData(Aggregation.Max)]
    [InlineData(Aggregation.Last)]
    public void Max_and_last_move_the_period_figure_by_the_difference(Aggregation aggregation)
    {
        var anomaly = Detect(aggregation, History(SteadyHistory, examined: 45m));

        (anomaly!.Expected, anomaly.Observed, anomaly.Units, anomaly.EstimatedImpact)
            .ShouldBe((10m, 45m, 35m, new Money(214.38m, "AUD")));
    }

    [Fact]
    public void Avg_moves_the_period_figure_by_one_day_of_the_months_mean()
    {
        // 14 February: a 28-day month. Seven history days of mean 10 (20 over 2 readings), the examined day 50.
        var window = new UsageAnomalyWindow(new DateOnly(2026, 2, 14));
        var days = Enumerable.Range(1, 7)
            .Select(back => new DailyReadings(window.Day.AddDays(-back), 20m, 12m, 2, 8m))
            .Append(new DailyReadings(window.Day, 100m, 60m, 2, 40m));

        var anomaly = UsageAnomalyRules.Detect(window, Aggregation.Avg,
            new BucketPricing(new Money(500m, "AUD"), 100m, new Money(7m, "AUD")), days);

        (anomaly!.Expected, anomaly.Observed).ShouldBe((10m, 50m));
        anomaly.EstimatedImpact.ShouldBe(new Money(10m, "AUD"));   // (50 − 10) ÷ 28 × 7
    }

    [Fact]
    public void An_asset_that_reported_every_day_and_stopped_two_days_ago_is_silent_at_base_over_commit()
    {
        // 12 February – 12 March, 10 a day; nothing on 13 or 14 March.
        var anomaly = Detect(Aggregation.Sum, Daily(from: 2, to: 30, quantity: 10m));

        anomaly.ShouldBe(new UsageAnomaly(UsageAnomalyKind.Silent, new DateOnly(2026, 3, 13), Expected: 10m,
            Observed: 0m, Units: 20m, UnitPrice: new Money(5m, "AUD"), ReportingDays: 14, SilentDays: 2,
            EstimatedImpact: new Money(100m, "AUD")));  // 2 days × 10 × 500 / 100
        anomaly!.Explanation(2).ShouldBe("Nothing since 2026-03-13 (2 days) after readings on 14 of the 14 days " +
            "before; usually 10.00 a day: 20.00 units at risk at 5.00 AUD.");
    }

    [Fact]
    public void A_longer_silence_counts_every_day_since_the_last_reading()
    {
        // Readings up to 9 March (5 days back); 27 Feb – 9 Mar are 11 of the 14 days before 13 March.
        var anomaly = Detect(Aggregation.Sum, Daily(from: 5, to: 20, quantity: 4m));

        (anomaly!.Day, anomaly.SilentDays, anomaly.ReportingDays, anomaly.Units, anomaly.EstimatedImpact)
            .ShouldBe((new DateOnly(2026, 3, 10), 5, 11, 20m, new Money(100m, "AUD")));
    }

    [Fact]
    public void An_asset_that_reported_on_fewer_than_seven_of_the_fourteen_days_is_not_silent()
    {
        // Every other day from 12 March back: 12, 10, 8, 6, 4, 2 March and 28 February are 7 of the 14 days before 13
        // March; without 28 February (14 days back) it is 6.
        var everyOtherDay = Enumerable.Range(0, 7).Select(step => Reading(2 + 2 * step, 10m)).ToList();
        Detect(Aggregation.Sum, everyOtherDay)!.Kind.ShouldBe(UsageAnomalyKind.Silent);
        Detect(Aggregation.Sum, everyOtherDay.Where(day => day.Day != Window.Day.AddDays(-14))).ShouldBeNull();
    }

    [Fact]
    public void A_reading_on_the_day_before_the_examined_one_is_neither_silent_nor_a_spike() =>
        Detect(Aggregation.Sum, Daily(from: 1, to: 20, quantity: 10m)).ShouldBeNull();

    [Theory]
    [InlineData(Aggregation.Count, 1, 5)]        // the asset drops out of the count: 1 unit at 500 / 100
    [InlineData(Aggregation.Max, 10, 50)]        // its level once, not per day
    [InlineData(Aggregation.Last, 10, 50)]
    [InlineData(Aggregation.Avg, 10, 50)]
    public void Level_aggregations_lose_the_usual_figure_once(Aggregation aggregation, double units, double impact)
    {
        var anomaly = Detect(aggregation, Daily(from: 2, to: 20, quantity: 10m));

        (anomaly!.Units, anomaly.EstimatedImpact).ShouldBe(((decimal)units, new Money((decimal)impact, "AUD")));
    }

    [Fact]
    public void A_zero_commit_prices_missing_units_at_the_overage_price()
    {
        var anomaly = UsageAnomalyRules.Detect(Window, Aggregation.Sum,
            new BucketPricing(new Money(0m, "AUD"), 0m, new Money(0.125m, "AUD")),
            Daily(from: 2, to: 20, quantity: 3m));

        anomaly!.EstimatedImpact.ShouldBe(new Money(0.75m, "AUD"));   // 2 days × 3 × 0.125
    }

    [Fact]
    public void Missing_units_are_priced_before_dividing_by_the_commit_and_rounded_once_in_the_currencys_minor_units()
    {
        var anomaly = UsageAnomalyRules.Detect(Window, Aggregation.Max,
            new BucketPricing(new Money(100m, "JPY"), 3m, new Money(1m, "JPY")), Daily(from: 2, to: 20, quantity: 2m));

        anomaly!.EstimatedImpact.ShouldBe(new Money(67m, "JPY"));   // 2 × 100 / 3 = 66.67 → 67 yen
        anomaly.Explanation(0).ShouldEndWith("usually 2 a day: 2 units at risk at 33.333333 JPY.");
    }

    [Fact]
    public void Days_outside_the_window_and_days_without_readings_are_ignored()
    {
        // 7 history days of 10, plus days the window does not hold (before 14 Feb, after 14 Mar) and an empty day.
        var days = History([10m, 10m, 10m, 10m, 10m, 10m, 10m], examined: 40m)
            .Append(Reading(29, 1000m)).Append(Reading(-1, 1000m))
            .Append(new DailyReadings(Window.Day.AddDays(-8), 0m, 0m, 0, 0m));

        var anomaly = Detect(Aggregation.Sum, days);

        (anomaly!.Expected, anomaly.ReportingDays, anomaly.Units).ShouldBe((10m, 7, 30m));
    }

    private static UsageAnomaly? Detect(Aggregation aggregation, IEnumerable<DailyReadings> days) =>
        UsageAnomalyRules.Detect(Window, aggregation, Pricing, days);

    /// <summary>The history figures on the days just before the examined day, then the examined day's.</summary>
    private static IEnumerable<DailyReadings> History(decimal[] history, decimal examined) =>
        history.Select((quantity, index) => Reading(index + 1, quantity)).Append(Reading(0, examined));

    /// <summary>
    /// One reading of <paramref name="quantity"/> a day, <paramref name="from"/> to <paramref name="to"/> days back.
    /// </summary>
    private static List<DailyReadings> Daily(int from, int to, decimal quantity) =>
        Enumerable.Range(from, to - from + 1).Select(back => Reading(back, quantity)).ToList();

    /// <summary>A reading of <paramref name="quantity"/>, <paramref name="back"/> days before the examined.</summary>
    private static DailyReadings Reading(int back, decimal quantity) =>
        new(Window.Day.AddDays(-back), quantity, quantity, 1, quantity);
}

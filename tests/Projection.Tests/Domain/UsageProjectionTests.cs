using BillingOne.Projection.Domain;

namespace BillingOne.Projection.Tests.Domain;

/// <summary>
/// The projection methods on January 2025 (31 days, the 1st a Wednesday): weekdays use 10 units a day, weekends 2, so
/// the month ends at 23 × 10 + 8 × 2 = 246 and its first ten days (two of them the weekend of the 4th and 5th) at 84.
/// </summary>
[Trait("Category", "Unit")]
public sealed class UsageProjectionTests
{
    private static readonly decimal[] JanuaryFirstTenDays = Cumulative(DailyIncrements(2025, 1).Take(10));

    [Fact]
    public void Linear_extrapolates_the_usage_so_far_over_the_elapsed_share()
    {
        var soFar = new UsageSoFar("sum", 2025, 1, 84m, JanuaryFirstTenDays, 10m / 31m);

        Projected("linear", soFar).ShouldBe(260.4m, "84 / (10/31)");
    }

    [Fact]
    public void Day_of_week_adds_each_remaining_day_at_its_weekday_average()
    {
        var soFar = new UsageSoFar("sum", 2025, 1, 84m, JanuaryFirstTenDays, 10m / 31m);

        Projected("day-of-week", soFar).ShouldBe(246m,
            "84 + 21 remaining days: 15 weekdays × 10 + 6 weekend days × 2");
    }

    [Fact]
    public void A_weekday_not_seen_yet_takes_the_overall_daily_mean()
    {
        // Wed 10, Thu 20, Fri 30: mean 20. The 28 days left (4th–31st) are four of each weekday:
        // Wed 4 × 10 + Thu 4 × 20 + Fri 4 × 30 + Sat, Sun, Mon, Tue 16 × 20 = 560.
        var soFar = new UsageSoFar("sum", 2025, 1, 60m, [10m, 30m, 60m], 3m / 31m);

        Projected("day-of-week", soFar).ShouldBe(620m, "60 + 560");
    }

    [Fact]
    public void The_day_in_progress_counts_with_the_share_of_it_left()
    {
        // Observed at noon on Saturday the 4th with 5 units of it used: half of Saturday (mean 20) is left, then the
        // 27 days from the 5th: 560 − one Saturday at 20.
        var soFar = new UsageSoFar("sum", 2025, 1, 65m, [10m, 30m, 60m], 3.5m / 31m);

        Projected("day-of-week", soFar).ShouldBe(615m, "65 + 0.5 × 20 + 540");
    }

    [Fact]
    public void Without_a_whole_day_day_of_week_falls_back_to_linear()
    {
        var soFar = new UsageSoFar("sum", 2025, 1, 3m, [], 0.5m / 31m);

        Projected("day-of-week", soFar).ShouldBe(186m, "3 / (0.5/31)");
    }

    [Fact]
    public void Forty_mailboxes_counted_on_day_5_project_to_40_not_310()
    {
        // count = distinct reporting assets, a level: scaled by time it would be 40 / (5/31) = 248 after five whole
        // days, or 310 at the start of the 5th (4 of 31 days); the month ends with the 40 mailboxes seen so far.
        var soFar = new UsageSoFar("count", 2025, 1, 40m, [38m, 39m, 40m, 40m, 40m], 5m / 31m);

        Projected("level", soFar).ShouldBe(40m);
        Projected(UsageProjectionMethods.Default("count"), soFar).ShouldBe(40m, "the level is count's default method");
    }

    [Fact]
    public void A_max_of_12_5_cpus_on_day_5_projects_to_12_5()
    {
        var soFar = new UsageSoFar("max", 2025, 1, 12.5m, [8m, 12.5m, 12.5m, 12.5m, 12.5m], 5m / 31m);

        Projected(UsageProjectionMethods.Default("max"), soFar).ShouldBe(12.5m, "not 12.5 / (5/31) = 77.5");
    }

    [Fact]
    public void A_last_reading_of_250_gb_on_day_5_projects_to_250()
    {
        var soFar = new UsageSoFar("last", 2025, 1, 250m, [230m, 240m, 240m, 245m, 250m], 5m / 31m);

        Projected(UsageProjectionMethods.Default("last"), soFar).ShouldBe(250m, "not 250 / (5/31) = 1550");
    }

    [Fact]
    public void An_average_of_42_5_seats_on_day_5_projects_to_42_5()
    {
        var soFar = new UsageSoFar("avg", 2025, 1, 42.5m, [40m, 41m, 42m, 42.5m, 42.5m], 5m / 31m);

        Projected(UsageProjectionMethods.Default("avg"), soFar).ShouldBe(42.5m, "not 42.5 / (5/31) = 263.5");
    }

    [Theory]
    [InlineData("count")]
    [InlineData("max")]
    [InlineData("avg")]
    [InlineData("last")]
    public void A_level_is_never_scaled_by_elapsed_time(string aggregation)
    {
        var soFar = new UsageSoFar(aggregation, 2025, 1, 40m, [40m], 5m / 31m);

        UsageProjectionMethods.For(aggregation).ShouldBe(["level"]);
        Should.Throw<ArgumentOutOfRangeException>(() => UsageProjector.Project("linear", soFar));
        Should.Throw<ArgumentOutOfRangeException>(() => UsageProjector.Project("day-of-week", soFar));
    }

    [Fact]
    public void Only_a_sum_is_extrapolated_and_it_is_never_held()
    {
        UsageProjectionMethods.For("sum").ShouldBe(["linear", "day-of-week"]);
        UsageProjectionMethods.Default("sum").ShouldBe("linear");
        Should.Throw<ArgumentOutOfRangeException>(() =>
            UsageProjector.Project("level", new UsageSoFar("sum", 2025, 1, 84m, JanuaryFirstTenDays, 10m / 31m)));
    }

    [Fact]
    public void At_the_start_of_a_period_the_usage_so_far_stands()
    {
        Projected("linear", new UsageSoFar("sum", 2025, 1, 0m, [], 0m)).ShouldBe(0m);
    }

    [Fact]
    public void At_or_after_the_end_of_a_period_its_usage_is_the_projection_whatever_its_daily_series()
    {
        var observedAtTheEnd = new UsageSoFar("sum", 2025, 1, 246m, JanuaryFirstTenDays, 1m);

        Projected("linear", observedAtTheEnd).ShouldBe(246m);
        Projected("day-of-week", observedAtTheEnd).ShouldBe(246m, "no day is left, even if the series stops at the 10th");
    }

    [Fact]
    public void The_elapsed_share_is_the_time_observed_over_the_period()
    {
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var end = start.AddDays(31);

        UsageSoFar.Elapsed(start, end, start.AddDays(7.75)).ShouldBe(0.25m, "7.75 of 31 days");
        UsageSoFar.Elapsed(start, end, end.AddDays(1)).ShouldBe(1m);
        UsageSoFar.Elapsed(start, end, start.AddDays(-1)).ShouldBe(0m);
    }

    [Theory]
    [InlineData("Etc/UTC", 2026, 1, 360, 744)]
    [InlineData("Etc/UTC", 2026, 2, 360, 672)]
    [InlineData("Australia/Sydney", 2025, 10, 359, 743)] // clocks go forward on the 5th
    [InlineData("Australia/Sydney", 2026, 4, 361, 721)] // clocks go back on the 5th
    [InlineData("America/New_York", 2026, 3, 359, 743)] // clocks go forward on the 8th
    public void The_elapsed_share_counts_the_hours_of_the_clients_calendar_month(string timeZone, int year, int month,
        int hoursToThe16th, int hoursInMonth)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        DateTimeOffset LocalMidnight(DateTime day) => TimeZoneInfo.ConvertTimeToUtc(day, zone);
        var firstDay = new DateTime(year, month, 1);
        var (start, end) = (LocalMidnight(firstDay), LocalMidnight(firstDay.AddMonths(1)));
        var elapsed = UsageSoFar.Elapsed(start, end, LocalMidnight(firstDay.AddDays(15)));

        (end - start).TotalHours.ShouldBe(hoursInMonth);
        Projected("linear", new UsageSoFar("sum", year, month, hoursToThe16th, [], elapsed)).ShouldBe(hoursInMonth,
            "a unit an hour for the first 15 days projects one for every hour of the month");
    }

    [Fact]
    public void Cost_is_base_plus_overage_above_the_commit_and_the_percentage_of_the_commit()
    {
        var projection = BucketProjection.Calculate("linear",
            new UsageSoFar("sum", 2025, 1, 84m, JanuaryFirstTenDays, 10m / 31m), Terms());

        projection.Cost.ShouldBe(new ProjectedBucketCost(107.55m, 130.2m, "over-commit"),
            "100.00 + (260.4 − 200) × 0.125 = 107.55; 260.4 / 200 = 130.2 %");
    }

    [Fact]
    public void The_cost_line_is_figured_on_the_exact_projected_usage_not_on_the_one_shown()
    {
        // 10 / (3/31) = 103.333…, shown as 103.33; 103.333… × 3.00 = 310.00, where 103.33 × 3.00 would bill 309.99.
        var projection = BucketProjection.Calculate("linear", new UsageSoFar("sum", 2025, 1, 10m, [], 3m / 31m),
            new BucketTerms(0m, 0m, 3m, "AUD"));

        (projection.ProjectedUsage, projection.Cost.Cost).ShouldBe((103.33m, 310.00m));
    }

    [Fact]
    public void A_projection_a_fraction_above_the_commit_is_over_it_and_bills_that_fraction()
    {
        // 1 / 0.0099997 = 100.00300009…, shown as 100.00: still 0.003 units over a 100 commit, ¥5000 + 0.003 × ¥1000.
        // The % of commit is at full precision (6 decimals), so it says over too (100.0 rounded would not).
        var projection = BucketProjection.Calculate("linear", new UsageSoFar("sum", 2025, 1, 1m, [], 0.0099997m),
            new BucketTerms(100m, 5000m, 1000m, "JPY"));

        projection.ProjectedUsage.ShouldBe(100.00m);
        projection.Cost.ShouldBe(new ProjectedBucketCost(5003m, 100.003m, "over-commit"));
    }

    [Fact]
    public void Under_the_commit_costs_the_base_and_is_on_track()
    {
        ProjectedBucketCost.Calculate(Terms(), 150m).ShouldBe(new ProjectedBucketCost(100.00m, 75.0m, "on-track"));
        ProjectedBucketCost.Calculate(Terms(), 200m).ShouldBe(new ProjectedBucketCost(100.00m, 100.0m, "on-track"));
    }

    [Fact]
    public void The_cost_line_is_rounded_once_half_away_from_zero_in_the_currencys_minor_units()
    {
        ProjectedBucketCost.Calculate(new BucketTerms(200m, 100m, 0.005m, "AUD"), 201m).Cost.ShouldBe(100.01m,
            "100.005 rounds away from zero");
        ProjectedBucketCost.Calculate(new BucketTerms(10m, 1000m, 0.5m, "JPY"), 11m).Cost.ShouldBe(1001m,
            "1000.5 yen rounds to 1001");
    }

    [Fact]
    public void A_zero_commit_has_no_percentage_and_any_usage_is_over_it()
    {
        ProjectedBucketCost.Calculate(new BucketTerms(0m, 0m, 2m, "USD"), 3m)
            .ShouldBe(new ProjectedBucketCost(6.00m, null, "over-commit"));
    }

    /// <summary>The projected usage as the page shows it (at least two decimals): elapsed shares like 3/31 are inexact.</summary>
    private static decimal Projected(string method, UsageSoFar soFar) =>
        BucketProjection.Calculate(method, soFar, Terms()).ProjectedUsage;

    internal static BucketTerms Terms() => new(200m, 100m, 0.125m, "AUD");

    /// <summary>Weekdays 10 units, weekends 2, for every day of the month.</summary>
    internal static IEnumerable<decimal> DailyIncrements(int year, int month) => Enumerable
        .Range(1, DateTime.DaysInMonth(year, month))
        .Select(day => new DateOnly(year, month, day).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 2m : 10m);

    internal static decimal[] Cumulative(IEnumerable<decimal> increments)
    {
        var total = 0m;
        return [.. increments.Select(increment => total += increment)];
    }
}

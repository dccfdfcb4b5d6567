using BillingOne.Metering.Domain;

namespace BillingOne.Metering.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class BillingPeriodTests
{
    private static readonly TimeZoneInfo Sydney = TimeZoneInfo.FindSystemTimeZoneById("Australia/Sydney");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static DateTimeOffset Utc(int year, int month, int day, int hour = 0, int minute = 0) =>
        new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void Sydney_april_starts_in_daylight_time_and_ends_in_standard_time()
    {
        // 1 April 00:00 AEDT (+11) to 1 May 00:00 AEST (+10); clocks go back on 6 April 2025.
        var april = BillingPeriod.ForMonth(2025, 4, Sydney);

        april.Start.ShouldBe(Utc(2025, 3, 31, 13));
        april.End.ShouldBe(Utc(2025, 4, 30, 14));
        april.Length.ShouldBe(TimeSpan.FromHours(30 * 24 + 1));
    }

    [Fact]
    public void Sydney_october_loses_an_hour()
    {
        // 1 October 00:00 AEST (+10) to 1 November 00:00 AEDT (+11); clocks go forward on 5 October 2025.
        var october = BillingPeriod.ForMonth(2025, 10, Sydney);

        october.Start.ShouldBe(Utc(2025, 9, 30, 14));
        october.End.ShouldBe(Utc(2025, 10, 31, 13));
        october.Length.ShouldBe(TimeSpan.FromHours(31 * 24 - 1));
    }

    [Fact]
    public void New_york_march_and_november_follow_the_us_dst_changes()
    {
        var march = BillingPeriod.ForMonth(2025, 3, NewYork);
        march.Start.ShouldBe(Utc(2025, 3, 1, 5));
        march.End.ShouldBe(Utc(2025, 4, 1, 4));
        march.Length.ShouldBe(TimeSpan.FromHours(31 * 24 - 1));

        var november = BillingPeriod.ForMonth(2025, 11, NewYork);
        november.Start.ShouldBe(Utc(2025, 11, 1, 4));
        november.End.ShouldBe(Utc(2025, 12, 1, 5));
        november.Length.ShouldBe(TimeSpan.FromHours(30 * 24 + 1));
    }

    [Fact]
    public void A_month_whose_midnight_is_skipped_starts_at_the_jump()
    {
        // Paraguay sprang forward at 00:00 on Sunday 1 October 2023 (−04 → −03): local midnight never
        // happened, and October began at 01:00 −03, the same instant as 00:00 −04.
        var asuncion = TimeZoneInfo.FindSystemTimeZoneById("America/Asuncion");

        var october = BillingPeriod.ForMonth(2023, 10, asuncion);

        october.Start.ShouldBe(Utc(2023, 10, 1, 4));
        october.Previous().End.ShouldBe(october.Start);
        BillingPeriod.Containing(Utc(2023, 10, 1, 3, 59), asuncion).Month.ShouldBe(9);
        BillingPeriod.Containing(Utc(2023, 10, 1, 4), asuncion).Month.ShouldBe(10);
    }

    [Fact]
    public void A_month_whose_midnight_happens_twice_starts_at_the_first_one()
    {
        // Cuba fell back from 01:00 CDT (−04) to 00:00 CST (−05) on Sunday 1 November 2020, so 00:00–01:00
        // on 1 November happened twice; November began at the first midnight.
        var havana = TimeZoneInfo.FindSystemTimeZoneById("America/Havana");

        var november = BillingPeriod.ForMonth(2020, 11, havana);

        november.Start.ShouldBe(Utc(2020, 11, 1, 4));
        november.Previous().End.ShouldBe(november.Start);
        BillingPeriod.Containing(Utc(2020, 11, 1, 4, 30), havana).ShouldBe(november);
        BillingPeriod.Containing(Utc(2020, 11, 1, 5, 30), havana).ShouldBe(november);
    }

    [Fact]
    public void An_instant_whose_clock_fell_back_into_the_old_month_belongs_to_the_new_month()
    {
        // A zone (UTC+1 in summer) that falls back at 00:30 on 1 November to 23:30 on 31 October: the
        // wall clock reads October again for half an hour after November has started.
        var fallsBackAcrossMidnight = TimeZoneInfo.CreateCustomTimeZone(
            "Test/FallsBackAcrossMidnight",
            TimeSpan.Zero,
            "Falls back across midnight",
            "Standard",
            "Summer",
            [
                TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
                    DateTime.MinValue.Date,
                    DateTime.MaxValue.Date,
                    TimeSpan.FromHours(1),
                    TimeZoneInfo.TransitionTime.CreateFixedDateRule(new DateTime(1, 1, 1, 2, 0, 0), 3, 15),
                    TimeZoneInfo.TransitionTime.CreateFixedDateRule(new DateTime(1, 1, 1, 0, 30, 0), 11, 1)),
            ]);
        var november = BillingPeriod.ForMonth(2025, 11, fallsBackAcrossMidnight);
        november.Start.ShouldBe(Utc(2025, 10, 31, 23));

        // 23:45 UTC reads 31 October 23:45 local time, but it is after November's first midnight.
        BillingPeriod.Containing(Utc(2025, 10, 31, 23, 45), fallsBackAcrossMidnight).ShouldBe(november);
    }

    [Fact]
    public void Containing_finds_the_local_month_not_the_utc_month()
    {
        // 31 March 2025 14:00 UTC is already 1 April 01:00 in Sydney.
        var period = BillingPeriod.Containing(Utc(2025, 3, 31, 14), Sydney);

        period.Year.ShouldBe(2025);
        period.Month.ShouldBe(4);
        period.Contains(Utc(2025, 3, 31, 14)).ShouldBeTrue();
    }

    [Fact]
    public void Start_is_inclusive_and_end_is_exclusive()
    {
        var april = BillingPeriod.ForMonth(2025, 4, Sydney);

        april.Contains(april.Start).ShouldBeTrue();
        april.Contains(april.End).ShouldBeFalse();
        BillingPeriod.Containing(april.End, Sydney).ShouldBe(april.Next());
        BillingPeriod.Containing(april.Start.AddTicks(-1), Sydney).ShouldBe(april.Previous());
    }

    [Fact]
    public void Next_and_previous_cross_year_boundaries_and_tile_time()
    {
        var december = BillingPeriod.ForMonth(2024, 12, NewYork);

        var january = december.Next();
        january.Year.ShouldBe(2025);
        january.Month.ShouldBe(1);
        january.Start.ShouldBe(december.End);
        january.Previous().ShouldBe(december);
    }

    [Fact]
    public void Elapsed_fraction_uses_real_time_in_a_dst_month()
    {
        // Sydney October 2025 lasts 743 hours; half of it has passed 371.5 hours after the start.
        var october = BillingPeriod.ForMonth(2025, 10, Sydney);

        october.ElapsedFraction(october.Start.AddHours(371.5)).ShouldBe(0.5m);
        october.ElapsedFraction(october.Start).ShouldBe(0m);
        october.ElapsedFraction(october.Start.AddDays(-1)).ShouldBe(0m);
        october.ElapsedFraction(october.End).ShouldBe(1m);
        october.ElapsedFraction(october.End.AddDays(3)).ShouldBe(1m);
    }

    [Theory]
    [InlineData(2025, 0)]
    [InlineData(2025, 13)]
    [InlineData(1, 6)]
    [InlineData(9999, 6)]
    public void Rejects_months_outside_the_calendar(int year, int month) =>
        Should.Throw<ArgumentOutOfRangeException>(() => BillingPeriod.ForMonth(year, month, Sydney));
}

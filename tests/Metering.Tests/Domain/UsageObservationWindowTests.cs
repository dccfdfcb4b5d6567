using BillingOne.Metering.Domain;

namespace BillingOne.Metering.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class UsageObservationWindowTests
{
    private static readonly TimeZoneInfo Sydney = TimeZoneInfo.FindSystemTimeZoneById("Australia/Sydney");

    private static DateTimeOffset Utc(int year, int month, int day, int hour = 0) =>
        new(year, month, day, hour, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Days_are_cut_at_the_client_s_midnights_so_the_day_clocks_go_back_on_lasts_25_hours()
    {
        // Sydney, April 2025: AEDT (+11) until 6 April 03:00, then AEST (+10).
        var dayEnds = BillingPeriod.ForMonth(2025, 4, Sydney).DayEnds();

        dayEnds.Count.ShouldBe(30);
        dayEnds[0].ShouldBe(Utc(2025, 4, 1, 13));
        dayEnds[4].ShouldBe(Utc(2025, 4, 5, 13));
        dayEnds[5].ShouldBe(Utc(2025, 4, 6, 14));
        (dayEnds[5] - dayEnds[4]).ShouldBe(TimeSpan.FromHours(25));
        dayEnds[^1].ShouldBe(Utc(2025, 4, 30, 14));
    }

    [Fact]
    public void An_observation_reports_each_day_ended_by_then_including_one_ending_at_that_instant_then_itself()
    {
        var april = BillingPeriod.ForMonth(2025, 4, Sydney);

        // 3 April 00:00 in Sydney: day 2 has just ended.
        var window = UsageObservationWindow.At(april, Utc(2025, 4, 2, 13));

        window.DayEnds.ShouldBe([Utc(2025, 4, 1, 13), Utc(2025, 4, 2, 13)]);
        window.Cutoffs().ShouldBe([Utc(2025, 4, 1, 13), Utc(2025, 4, 2, 13), Utc(2025, 4, 2, 13)]);
        UsageObservationWindow.At(april, Utc(2025, 4, 1, 12)).Cutoffs().ShouldBe([Utc(2025, 4, 1, 12)]);
    }

    [Fact]
    public void A_final_window_has_every_day_and_is_observed_at_the_period_s_end()
    {
        var april = BillingPeriod.ForMonth(2025, 4, Sydney);

        var final = UsageObservationWindow.Final(april);
        var late = UsageObservationWindow.At(april, Utc(2025, 6, 1));

        final.ObservedAt.ShouldBe(april.End);
        final.DayEnds.Count.ShouldBe(30);
        late.ObservedAt.ShouldBe(april.End, "an observation after the period is cut at its end");
        late.DayEnds.ShouldBe(final.DayEnds);
    }
}

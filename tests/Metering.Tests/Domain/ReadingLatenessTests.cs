using BillingOne.Metering.Domain;

namespace BillingOne.Metering.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class ReadingLatenessTests
{
    private static readonly TimeZoneInfo Sydney = TimeZoneInfo.FindSystemTimeZoneById("Australia/Sydney");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) =>
        new(2025, month, day, hour, minute, 0, TimeSpan.Zero);

    // How the ingest path classifies a reading (ReadingStore): one cut-off per time zone for a whole batch.
    private static bool IsLate(DateTimeOffset observedAt, DateTimeOffset receivedAt, TimeZoneInfo timeZone) =>
        observedAt < ReadingLateness.LateBefore(receivedAt, timeZone);

    [Fact]
    public void A_reading_received_after_its_utc_month_ended_is_late()
    {
        IsLate(Utc(1, 31, 23, 30), Utc(2, 1, 0, 30), TimeZoneInfo.Utc).ShouldBeTrue();
        IsLate(Utc(1, 31, 23, 30), Utc(1, 31, 23, 59), TimeZoneInfo.Utc).ShouldBeFalse();
    }

    [Fact]
    public void The_clients_time_zone_decides_when_the_month_ends()
    {
        // 31 Jan 23:30 UTC is still January in New York (18:30) when received at 00:30 UTC (19:30 local) ...
        IsLate(Utc(1, 31, 23, 30), Utc(2, 1, 0, 30), NewYork).ShouldBeFalse();
        // ... and already February in Sydney (10:30 on 1 Feb), so not late either.
        IsLate(Utc(1, 31, 23, 30), Utc(2, 1, 0, 30), Sydney).ShouldBeFalse();
        // Sydney's February starts at 13:00 UTC on 31 January: a reading from before is late after that.
        IsLate(Utc(1, 31, 12, 59), Utc(1, 31, 13, 0), Sydney).ShouldBeTrue();
    }

    [Fact]
    public void The_cut_off_is_the_start_of_the_period_holding_the_receipt()
    {
        ReadingLateness.LateBefore(Utc(3, 15, 12), Sydney)
            .ShouldBe(BillingPeriod.ForMonth(2025, 3, Sydney).Start);
    }

    [Fact]
    public void A_reading_from_the_future_is_not_late() =>
        IsLate(Utc(5, 1, 0), Utc(3, 1, 0), TimeZoneInfo.Utc).ShouldBeFalse();
}

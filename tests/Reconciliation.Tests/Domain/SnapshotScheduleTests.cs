using BillingOne.Reconciliation.Domain;

namespace BillingOne.Reconciliation.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class SnapshotScheduleTests
{
    [Fact]
    public void Every_member_is_required_and_bounded()
    {
        var errors = new Dictionary<string, string[]>();

        SnapshotSchedule.Create(null, 29, 24, errors).ShouldBeNull();

        errors.Keys.Order().ShouldBe(["dayOfMonth", "enabled", "hourUtc"]);
    }

    [Theory]
    [InlineData("2026-03-10T12:00:00Z", "2026-04-05T06:00:00Z")]
    [InlineData("2026-03-05T05:59:00Z", "2026-03-05T06:00:00Z")]
    [InlineData("2026-03-05T06:00:00Z", "2026-04-05T06:00:00Z")]
    [InlineData("2026-12-20T00:00:00Z", "2027-01-05T06:00:00Z")]
    public void The_next_snapshot_is_the_next_day_and_hour_in_utc(string after, string next) =>
        new SnapshotSchedule(true, 5, 6).NextOccurrenceAfter(DateTimeOffset.Parse(after, System.Globalization.CultureInfo.InvariantCulture))
            .ShouldBe(DateTimeOffset.Parse(next, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void A_switched_off_schedule_has_no_next_snapshot() =>
        new SnapshotSchedule(false, 5, 6).NextOccurrenceAfter(DateTimeOffset.UnixEpoch).ShouldBeNull();
}

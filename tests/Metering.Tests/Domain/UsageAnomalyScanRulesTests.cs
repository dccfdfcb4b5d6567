using BillingOne.Metering.Domain;

namespace BillingOne.Metering.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class UsageAnomalyScanRulesTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    /// <summary>15 March 2026, 10:00 UTC: the examined day is 14 March.</summary>
    private static readonly DateTimeOffset Now = new(2026, 3, 15, 10, 0, 0, TimeSpan.Zero);

    private static readonly UsageAnomalyWindow Window = UsageAnomalyWindow.Before(Now);

    [Fact]
    public void An_organization_never_scanned_is_due() =>
        UsageAnomalyScan.IsDue(null, Window, Now, Hour).ShouldBeTrue();

    [Theory]
    [InlineData(59, false)]
    [InlineData(60, true)]
    [InlineData(61, true)]
    public void A_scan_of_the_examined_day_is_redone_once_the_rescan_interval_has_passed(int minutesAgo, bool due) =>
        UsageAnomalyScan.IsDue(new UsageAnomalyScan(Window.Day, Now.AddMinutes(-minutesAgo)), Window, Now, Hour)
            .ShouldBe(due);

    [Fact]
    public void A_new_examined_day_is_due_however_recent_the_last_scan()
    {
        var afterMidnight = new DateTimeOffset(2026, 3, 16, 0, 1, 0, TimeSpan.Zero);
        var lastScan = new UsageAnomalyScan(new DateOnly(2026, 3, 14), afterMidnight.AddMinutes(-2));

        UsageAnomalyScan.IsDue(lastScan, UsageAnomalyWindow.Before(afterMidnight), afterMidnight, Hour).ShouldBeTrue();
    }
}

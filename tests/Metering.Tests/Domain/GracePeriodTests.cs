using System.Globalization;
using BillingOne.Metering.Domain;

namespace BillingOne.Metering.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class GracePeriodTests
{
    private static readonly DateTimeOffset PeriodEnd = new(2026, 11, 30, 13, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Until_identity_announces_the_organization_its_default_five_days_apply()
    {
        GracePeriod.Default.ShouldBe(new GracePeriod(5));
        GracePeriod.Default.FinalizesAt(PeriodEnd).ShouldBe(new DateTimeOffset(2026, 12, 5, 13, 0, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData(2, "2026-12-02T12:59:59Z", false)]
    [InlineData(2, "2026-12-02T13:00:00Z", true)]
    [InlineData(0, "2026-11-30T13:00:00Z", true)]
    [InlineData(9, "2026-12-08T13:00:00Z", false)]
    public void A_month_is_final_once_the_announced_grace_days_have_passed_since_its_end(int days, string now,
        bool passed)
    {
        new GracePeriod(days).HasPassed(PeriodEnd, DateTimeOffset.Parse(now, CultureInfo.InvariantCulture))
            .ShouldBe(passed);
    }
}

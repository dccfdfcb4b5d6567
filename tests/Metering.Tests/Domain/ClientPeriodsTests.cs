using BillingOne.Metering.Domain;

namespace BillingOne.Metering.Tests.Domain;

[Trait("Category", "Unit")]
public class ClientPeriodsTests
{
    private static readonly DateTimeOffset MidMarch = new(2026, 3, 15, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_open_period_is_the_month_of_the_clients_zone()
    {
        var period = ClientPeriods.OpenAt(MidMarch, "Australia/Sydney");

        period.Start.ShouldBe(new DateTimeOffset(2026, 2, 28, 13, 0, 0, TimeSpan.Zero));
        period.End.ShouldBe(new DateTimeOffset(2026, 3, 31, 13, 0, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Mars/Olympus_Mons")]
    public void Unknown_clients_and_zones_fall_back_to_the_organization_default_utc(string? timeZoneId)
    {
        var period = ClientPeriods.OpenAt(MidMarch, timeZoneId);

        period.TimeZone.ShouldBe(TimeZoneInfo.Utc);
        period.Start.ShouldBe(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
    }
}

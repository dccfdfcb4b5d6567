using BillingOne.Metering.Domain;

namespace BillingOne.Metering.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class BillingSettingsTests
{
    [Fact]
    public void The_default_schedule_bills_at_six_on_the_first()
    {
        BillingSettings.Default.NextOccurrenceAfter(new DateTimeOffset(2026, 11, 15, 0, 0, 0, TimeSpan.Zero))
            .ShouldBe(new DateTimeOffset(2026, 12, 1, 6, 0, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData(2026, 12, 2026, 11)]
    [InlineData(2027, 1, 2026, 12)]    // January bills the previous year's December
    [InlineData(2026, 3, 2026, 2)]
    public void An_occurrence_bills_the_month_before_its_own(int year, int month, int billedYear, int billedMonth)
    {
        BillingSettings.MonthBilledAt(new DateTimeOffset(year, month, 1, 6, 0, 0, TimeSpan.Zero))
            .ShouldBe(new BillingMonth(billedYear, billedMonth));
    }

    [Fact]
    public void Valid_settings_are_read_with_the_schedule_trimmed()
    {
        var errors = new Dictionary<string, string[]>();

        var settings = BillingSettings.Create(" 30 2 2 * * ", false, errors);

        errors.ShouldBeEmpty();
        settings.ShouldBe(new BillingSettings("30 2 2 * *", false));
    }

    [Theory]
    [InlineData(null, true, "schedule")]
    [InlineData("", true, "schedule")]
    [InlineData("every month", true, "schedule")]
    [InlineData("0 6 32 * *", true, "schedule")]
    [InlineData("0 6 1 * *", null, "scheduleEnabled")]
    public void Invalid_settings_are_refused_naming_the_member(string? schedule, bool? enabled, string member)
    {
        var errors = new Dictionary<string, string[]>();

        BillingSettings.Create(schedule, enabled, errors).ShouldBeNull();

        errors.Keys.ShouldBe([member]);
    }
}

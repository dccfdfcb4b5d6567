using BillingOne.Metering.Domain;

namespace BillingOne.Metering.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class BillingSettingsTests
{
    [Fact]
    public void The_defaults_give_three_days_grace_and_bill_at_six_on_the_first()
    {
        var settings = BillingSettings.Default;

        settings.GracePeriodDays.ShouldBe(3);
        settings.NextOccurrenceAfter(new DateTimeOffset(2026, 11, 15, 0, 0, 0, TimeSpan.Zero))
            .ShouldBe(new DateTimeOffset(2026, 12, 1, 6, 0, 0, TimeSpan.Zero));
        settings.FinalizesAt(new DateTimeOffset(2026, 11, 30, 13, 0, 0, TimeSpan.Zero))
            .ShouldBe(new DateTimeOffset(2026, 12, 3, 13, 0, 0, TimeSpan.Zero));
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

        var settings = BillingSettings.Create(0, " 30 2 2 * * ", false, errors);

        errors.ShouldBeEmpty();
        settings.ShouldBe(new BillingSettings(0, "30 2 2 * *", false));
    }

    [Theory]
    [InlineData(null, "0 6 1 * *", true, "gracePeriodDays")]
    [InlineData(-1, "0 6 1 * *", true, "gracePeriodDays")]
    [InlineData(61, "0 6 1 * *", true, "gracePeriodDays")]
    [InlineData(3, null, true, "schedule")]
    [InlineData(3, "", true, "schedule")]
    [InlineData(3, "every month", true, "schedule")]
    [InlineData(3, "0 6 32 * *", true, "schedule")]
    [InlineData(3, "0 6 1 * *", null, "scheduleEnabled")]
    public void Invalid_settings_are_refused_naming_the_member(int? grace, string? schedule, bool? enabled,
        string member)
    {
        var errors = new Dictionary<string, string[]>();

        BillingSettings.Create(grace, schedule, enabled, errors).ShouldBeNull();

        errors.Keys.ShouldBe([member]);
    }
}

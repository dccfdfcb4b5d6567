using BillingOne.Metering.Domain;

namespace BillingOne.Metering.Tests.Domain;

[Trait("Category", "Unit")]
public class BillingMonthTests
{
    [Theory]
    [InlineData("2026-02", 2026, 2)]
    [InlineData("0002-01", 2, 1)]
    [InlineData("9998-12", 9998, 12)]
    public void A_period_is_read_from_YYYY_MM(string text, int year, int month)
    {
        var errors = new Dictionary<string, string[]>();

        BillingMonth.Parse(text, "period", errors).ShouldBe(new BillingMonth(year, month));
        errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void A_missing_period_is_required(string? text)
    {
        var errors = new Dictionary<string, string[]>();

        BillingMonth.Parse(text, "period", errors).ShouldBeNull();
        errors["period"].ShouldBe(["period is required, a month written YYYY-MM, e.g. 2026-03."]);
    }

    [Theory]
    [InlineData("2026-2")]
    [InlineData("2026/02")]
    [InlineData("February")]
    [InlineData("+026-01")]
    [InlineData("２０２６-02")]
    public void A_malformed_period_says_how_to_write_one(string text)
    {
        var errors = new Dictionary<string, string[]>();

        BillingMonth.Parse(text, "period", errors).ShouldBeNull();
        errors["period"].ShouldBe(["period must be a month written YYYY-MM, e.g. 2026-03."]);
    }

    [Theory]
    [InlineData("2026-00")]
    [InlineData("2026-13")]
    [InlineData("0001-12")]
    [InlineData("9999-01")]
    [InlineData("9999-12")]
    public void A_well_formed_period_out_of_range_says_the_range(string text)
    {
        var errors = new Dictionary<string, string[]>();

        BillingMonth.Parse(text, "period", errors).ShouldBeNull();
        errors["period"].ShouldBe(["period must be a month from 0002-01 to 9998-12."]);
    }

    [Fact]
    public void A_month_has_ended_only_once_it_has_ended_in_the_latest_zone()
    {
        // February 2026 ends at 28 Feb 13:00 UTC in Sydney and at 1 Mar 10:00 UTC in Honolulu.
        var periods = new[] { "Australia/Sydney", "UTC", "Pacific/Honolulu" }
            .Select(zone => ClientPeriods.ForMonth(2026, 2, zone)).ToList();

        BillingMonth.HasEnded(periods, new DateTimeOffset(2026, 3, 1, 9, 59, 59, TimeSpan.Zero)).ShouldBeFalse();
        BillingMonth.HasEnded(periods, new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero)).ShouldBeTrue();
    }

    [Fact]
    public void Year_and_month_are_checked_separately()
    {
        var errors = new Dictionary<string, string[]>();

        BillingMonth.Create(1, 13, errors).ShouldBeNull();
        errors.Keys.Order().ShouldBe(["month", "year"]);
    }
}

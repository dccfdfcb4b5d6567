using BillingOne.Invoice.Apis;

namespace BillingOne.Invoice.Tests.Api;

[Trait("Category", "Unit")]
public sealed class DraftInvoicePeriodTests
{
    [Theory]
    [InlineData("2026-01", 2026, 1)]
    [InlineData("0001-01", 1, 1)]
    [InlineData("9999-12", 9999, 12)]
    public void A_period_is_a_month_written_yyyy_MM(string text, int year, int month)
    {
        var errors = new Dictionary<string, string[]>();

        DraftInvoicesApi.ParsePeriod(text, errors).ShouldBe((year, month));
        errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("January")]
    [InlineData("2026-1")]
    [InlineData("2026/01")]
    [InlineData(" 2026-01")]
    [InlineData("+026-01")]
    [InlineData("２０２６-01")]
    public void A_malformed_period_says_how_to_write_one(string text)
    {
        var errors = new Dictionary<string, string[]>();

        DraftInvoicesApi.ParsePeriod(text, errors).ShouldBeNull();
        errors["period"].ShouldBe(["period must be a month written yyyy-MM, e.g. 2026-01."]);
    }

    [Theory]
    [InlineData("0000-12")]
    [InlineData("2026-00")]
    [InlineData("2026-13")]
    public void A_well_formed_period_outside_the_calendar_says_the_range(string text)
    {
        var errors = new Dictionary<string, string[]>();

        DraftInvoicesApi.ParsePeriod(text, errors).ShouldBeNull();
        errors["period"].ShouldBe(["period must be a month from 0001-01 to 9999-12."]);
    }
}

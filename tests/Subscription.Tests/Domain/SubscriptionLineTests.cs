using System.Globalization;
using BillingOne.Contracts.Money;
using BillingOne.Subscription.Connectors.Pax8;
using BillingOne.Subscription.Domain;

namespace BillingOne.Subscription.Tests.Domain;

[Trait("Category", "Unit")]
public class SubscriptionLineTests
{
    [Theory]
    // 41 × 213.18 = 8740.38 a year ÷ 12 = 728.365 exactly: half away from zero is 728.37. Times a truncated 1/12 it was
    // 728.36499… and rounded to 728.36.
    [InlineData(Pax8BillingTerm.Annual, 41, "213.18", "728.37")]
    // 15 × 213.18 = 3197.70 a year ÷ 12 = 266.475: 266.48, where a truncated 1/12 gives 266.47.
    [InlineData(Pax8BillingTerm.Annual, 15, "213.18", "266.48")]
    // 3 × 800.12 = 2400.36 per two years ÷ 24 = 100.015.
    [InlineData(Pax8BillingTerm.TwoYear, 3, "800.12", "100.02")]
    // 1 × 3600.18 per three years ÷ 36 = 100.005.
    [InlineData(Pax8BillingTerm.ThreeYear, 1, "3600.18", "100.01")]
    [InlineData(Pax8BillingTerm.Monthly, 3, "0.125", "0.38")]
    public void The_monthly_value_divides_the_terms_total_by_its_months_and_rounds_a_midpoint_away_from_zero(
        Pax8BillingTerm term, int quantity, string unitPrice, string monthly) =>
        SubscriptionLine.MonthlyValue(quantity, new Money(Number(unitPrice), "AUD"), term)
            .ShouldBe(new Money(Number(monthly), "AUD"));

    [Theory]
    [InlineData(Pax8BillingTerm.OneTime)]
    [InlineData(Pax8BillingTerm.Trial)]
    public void A_one_time_purchase_or_a_trial_has_no_monthly_value(Pax8BillingTerm term) =>
        SubscriptionLine.MonthlyValue(5, new Money(99.00m, "AUD"), term).ShouldBe(Money.Zero("AUD"));

    [Fact]
    public void The_monthly_value_has_the_currencys_minor_units() =>
        // 7 × 1000 yen a year ÷ 12 = 583.33… → 583.
        SubscriptionLine.MonthlyValue(7, new Money(1000m, "JPY"), Pax8BillingTerm.Annual).Amount.ShouldBe(583m);

    // Decimals are not attribute arguments.
    private static decimal Number(string value) => decimal.Parse(value, CultureInfo.InvariantCulture);
}

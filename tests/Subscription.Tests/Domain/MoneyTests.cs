using BillingOne.Subscription.Domain;

namespace BillingOne.Subscription.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class MoneyTests
{
    [Theory]
    [InlineData("AUD")]
    [InlineData("NZD")]
    [InlineData("USD")]
    [InlineData("GBP")]
    [InlineData("EUR")]
    [InlineData("SGD")]
    public void Currencies_an_msp_bills_in_are_iso_4217_codes(string code) => Money.IsCurrencyCode(code).ShouldBeTrue();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("aud")]
    [InlineData("AUS")]
    [InlineData("AUDD")]
    [InlineData("$")]
    public void Anything_else_is_not(string? code) => Money.IsCurrencyCode(code).ShouldBeFalse();
}

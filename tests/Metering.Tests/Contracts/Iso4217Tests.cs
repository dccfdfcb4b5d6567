using BillingOne.Contracts.Money;

namespace BillingOne.Metering.Tests.Contracts;

[Trait("Category", "Unit")]
public sealed class Iso4217Tests
{
    [Theory]
    [InlineData("AUD", 2)]
    [InlineData("NZD", 2)]
    [InlineData("USD", 2)]
    [InlineData("GBP", 2)]
    [InlineData("EUR", 2)]
    [InlineData("SGD", 2)]
    [InlineData("CAD", 2)]
    [InlineData("JPY", 0)]
    [InlineData("KRW", 0)]
    [InlineData("KWD", 3)]
    [InlineData("BHD", 3)]
    [InlineData("CLF", 4)]
    public void Knows_the_minor_units_of_common_and_non_two_digit_currencies(string code, int minorUnits) =>
        Iso4217.MinorUnits(code).ShouldBe(minorUnits);

    [Fact]
    public void A_well_formed_code_not_in_the_table_uses_two_minor_units() =>
        Iso4217.MinorUnits("MYR").ShouldBe(2);

    [Fact]
    public void Normalizes_to_upper_case() => Iso4217.Normalize("aud").ShouldBe("AUD");

    [Theory]
    [InlineData("")]
    [InlineData("AU")]
    [InlineData("AUDD")]
    [InlineData("A1D")]
    [InlineData("ÄUD")]
    [InlineData("XAU")]
    [InlineData("XXX")]
    public void Rejects_codes_that_are_not_billing_currencies(string code)
    {
        Iso4217.TryNormalize(code, out _).ShouldBeFalse();
        Should.Throw<ArgumentException>(() => Iso4217.Normalize(code)).Message.ShouldContain("ISO-4217");
    }

    [Fact]
    public void Null_is_not_a_currency() => Iso4217.TryNormalize(null, out _).ShouldBeFalse();
}

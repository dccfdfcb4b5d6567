using System.Globalization;
using System.Text.Json;
using BillingOne.Contracts.Money;

namespace BillingOne.Metering.Tests.Contracts;

[Trait("Category", "Unit")]
public sealed class DecimalsTests
{
    [Theory]
    [InlineData("12.5", 2, "12.50")]
    [InlineData("0", 2, "0.00")]
    [InlineData("0.125", 2, "0.13")] // banker's rounding would give 0.12
    [InlineData("-0.125", 2, "-0.13")]
    [InlineData("1199.6", 0, "1200")]
    [InlineData("3", 0, "3")]
    [InlineData("437.500000", 2, "437.50")]
    [InlineData("0.0000005", 6, "0.000001")]
    public void Fixed_rounds_half_away_from_zero_to_exactly_the_digits(string value, int decimals, string expected) =>
        Json(Decimals.Fixed(Parse(value), decimals)).ShouldBe(expected);

    [Theory]
    [InlineData("100.0000", 2, "100.00")]
    [InlineData("0.012500", 2, "0.0125")]
    [InlineData("10.5", 0, "10.5")]
    [InlineData("7", 3, "7.000")]
    [InlineData("1234.123456", 2, "1234.123456")]
    public void AtLeast_pads_and_drops_trailing_zeros_but_never_rounds(string value, int decimals, string expected) =>
        Json(Decimals.AtLeast(Parse(value), decimals)).ShouldBe(expected);

    [Theory]
    [InlineData("12.5", "AUD", "12.50")]
    [InlineData("1199.5", "JPY", "1200")]
    [InlineData("1.0005", "KWD", "1.001")]
    [InlineData("12", null, "12.00")]
    [InlineData("12", "not-a-code", "12.00")]
    public void Amounts_have_the_currencys_minor_units(string amount, string? currency, string expected) =>
        Json(Decimals.Amount(Parse(amount), currency)).ShouldBe(expected);

    [Theory]
    [InlineData("0.0125", "AUD", "0.0125")]
    [InlineData("4.0000", "JPY", "4")]
    [InlineData("1.5", "KWD", "1.500")]
    public void Unit_prices_keep_digits_beyond_the_minor_unit(string price, string currency, string expected) =>
        Json(Decimals.UnitPrice(Parse(price), currency)).ShouldBe(expected);

    [Theory]
    [InlineData("87.5", "87.5")]
    [InlineData("100", "100.0")]
    [InlineData("33.3333", "33.3")]
    [InlineData("0.05", "0.1")]
    public void Percentages_have_one_decimal(string percent, string expected) =>
        Json(Decimals.Percent(Parse(percent))).ShouldBe(expected);

    [Fact]
    public void A_rounded_line_has_the_currencys_digits() =>
        Json(new Money(12.5m, "AUD").RoundedLine().Amount).ShouldBe("12.50");

    [Fact]
    public void Digits_outside_what_a_decimal_holds_are_refused()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Decimals.Fixed(1m, -1));
        Should.Throw<ArgumentOutOfRangeException>(() => Decimals.AtLeast(1m, Decimals.MaxDecimals + 1));
    }

    private static decimal Parse(string text) => decimal.Parse(text, CultureInfo.InvariantCulture);

    private static string Json(decimal value) => JsonSerializer.Serialize(value);
}

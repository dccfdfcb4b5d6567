using System.Globalization;
using BillingOne.Contracts.Money;

namespace BillingOne.Metering.Tests.Contracts;

[Trait("Category", "Unit")]
public sealed class MoneyTests
{
    [Theory]
    [InlineData("2.345", "AUD", "2.35")]
    [InlineData("2.344", "AUD", "2.34")]
    [InlineData("0.125", "USD", "0.13")] // banker's rounding would give 0.12
    [InlineData("-0.125", "USD", "-0.13")]
    [InlineData("2.5", "JPY", "3")]
    [InlineData("1234.4", "JPY", "1234")]
    [InlineData("1.0005", "KWD", "1.001")]
    [InlineData("1.0004", "BHD", "1.000")]
    public void RoundedLine_rounds_half_away_from_zero_to_the_currencys_minor_units(string amount, string currency, string expected) =>
        new Money(decimal.Parse(amount, CultureInfo.InvariantCulture), currency).RoundedLine()
            .ShouldBe(new Money(decimal.Parse(expected, CultureInfo.InvariantCulture), currency));

    [Fact]
    public void RoundedLine_rounds_once_not_digit_by_digit()
    {
        // Rounding 0.4449 step by step (0.445 → 0.45) would overcharge; one rounding gives 0.44.
        new Money(0.4449m, "AUD").RoundedLine().Amount.ShouldBe(0.44m);
    }

    [Fact]
    public void Currency_code_is_validated_and_normalized()
    {
        new Money(1m, "nzd").Currency.ShouldBe("NZD");
        Should.Throw<ArgumentException>(() => new Money(1m, "dollars"));
    }

    [Fact]
    public void Adds_and_subtracts_amounts_in_the_same_currency()
    {
        (new Money(10.10m, "AUD") + new Money(0.95m, "AUD")).ShouldBe(new Money(11.05m, "AUD"));
        (new Money(10.10m, "AUD") - new Money(0.95m, "AUD")).ShouldBe(new Money(9.15m, "AUD"));
    }

    [Fact]
    public void Multiplies_by_a_quantity_without_rounding()
    {
        (new Money(0.333m, "USD") * 3m).Amount.ShouldBe(0.999m);
        (2m * new Money(1.5m, "USD")).ShouldBe(new Money(3m, "USD"));
    }

    [Fact]
    public void Combining_different_currencies_throws()
    {
        var aud = new Money(1m, "AUD");
        var usd = new Money(1m, "USD");

        var exception = Should.Throw<CurrencyMismatchException>(() => aud + usd);
        exception.Expected.ShouldBe("AUD");
        exception.Actual.ShouldBe("USD");
        Should.Throw<CurrencyMismatchException>(() => aud - usd);
        Should.Throw<CurrencyMismatchException>(() => Money.Sum([aud, usd], "AUD"));
    }

    [Fact]
    public void Sum_is_the_sum_of_rounded_lines()
    {
        // Three lines of 0.005 round to 0.01 each: the total is 0.03, not round(0.015) = 0.02.
        Money[] lines = [new(0.005m, "AUD"), new(0.005m, "AUD"), new(0.005m, "AUD")];

        Money.Sum(lines, "AUD").ShouldBe(new Money(0.03m, "AUD"));
    }

    [Fact]
    public void Sum_of_no_lines_is_zero_in_the_given_currency() =>
        Money.Sum([], "JPY").ShouldBe(Money.Zero("JPY"));

    [Fact]
    public void Equal_amounts_with_different_scale_are_equal() =>
        new Money(1.5m, "EUR").ShouldBe(new Money(1.50m, "EUR"));

    [Fact]
    public void Prints_amount_and_code_culture_independently() =>
        new Money(1234.5m, "GBP").ToString().ShouldBe("1234.5 GBP");

    [Fact]
    public void Deconstructs_into_amount_and_currency()
    {
        var (amount, currency) = new Money(7m, "SGD");

        amount.ShouldBe(7m);
        currency.ShouldBe("SGD");
    }
}

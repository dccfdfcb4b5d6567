using BillingOne.Web.Formatting;

namespace BillingOne.Web.Tests;

[Trait("Category", "Unit")]
public sealed class MoneyFormatTests
{
    [Theory]
    [InlineData(1234.5, "AUD", "AUD 1,234.50")]
    [InlineData(0.125, "usd", "USD 0.13")]
    [InlineData(-0.125, "EUR", "EUR -0.13")]
    [InlineData(98000.5, "JPY", "JPY 98,001")]
    [InlineData(12.3456, "KWD", "KWD 12.346")]
    [InlineData(12, null, "12.00")]
    public void Shows_the_currency_code_and_its_minor_units(double amount, string? currency, string expected)
    {
        MoneyFormat.Format((decimal)amount, currency).ShouldBe(expected);
    }

    [Theory]
    [InlineData(0.0125, "AUD", "AUD 0.0125")]
    [InlineData(0.5, "AUD", "AUD 0.50")]
    [InlineData(1234.123456, "usd", "USD 1,234.123456")]
    [InlineData(4, "JPY", "JPY 4")]
    [InlineData(0.25, "JPY", "JPY 0.25")]
    [InlineData(1.5, "KWD", "KWD 1.500")]
    public void Unit_prices_keep_their_decimals_beyond_the_minor_unit(double amount, string currency, string expected)
    {
        MoneyFormat.FormatUnitPrice((decimal)amount, currency).ShouldBe(expected);
    }
}

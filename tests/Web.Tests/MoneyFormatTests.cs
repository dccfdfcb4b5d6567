using BillingOne.Web.Formatting;

namespace BillingOne.Web.Tests;

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
}

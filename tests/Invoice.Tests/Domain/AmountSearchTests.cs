using BillingOne.Invoice.Domain;

namespace BillingOne.Invoice.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class AmountSearchTests
{
    [Theory]
    [InlineData("1250", "1250")]
    [InlineData("1,250.00", "1250")]
    [InlineData(" $1,250.5 ", "1250.5")]
    [InlineData("1250.75", "1250.75")]
    [InlineData("12,345,678.90", "12345678.90")]
    [InlineData("0.5", "0.5")]
    public void Amounts_as_people_write_them_are_read(string text, string expected) =>
        AmountSearch.Parse(text).ShouldBe(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("INV-1001")]
    [InlineData("1,25")]
    [InlineData("1,2500")]
    [InlineData("12.345")]
    [InlineData("-50")]
    [InlineData("1e3")]
    [InlineData("Harbourside")]
    public void Text_that_is_no_amount_is_not_read_as_one(string? text) => AmountSearch.Parse(text).ShouldBeNull();
}

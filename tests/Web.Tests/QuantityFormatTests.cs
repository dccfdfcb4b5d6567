using BillingOne.Web.Formatting;

namespace BillingOne.Web.Tests;

[Trait("Category", "Unit")]
public sealed class QuantityFormatTests
{
    [Theory]
    [InlineData(437.5, "437.5")]
    [InlineData(1200, "1,200")]
    [InlineData(0.0125, "0.0125")]
    [InlineData(0.00005, "0.0001")]
    [InlineData(-3, "-3")]
    public void Quantities_are_grouped_and_keep_up_to_four_decimals(double quantity, string expected)
    {
        QuantityFormat.Format((decimal)quantity).ShouldBe(expected);
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(1234567, "1,234,567")]
    public void Counts_are_grouped(long count, string expected)
    {
        QuantityFormat.Count(count).ShouldBe(expected);
    }

    [Theory]
    [InlineData(87.5, "87.5 %")]
    [InlineData(100, "100.0 %")]
    [InlineData(33.333, "33.3 %")]
    [InlineData(0.05, "0.1 %")]
    [InlineData(1250, "1,250.0 %")]
    public void Percentages_have_one_decimal(double percent, string expected)
    {
        QuantityFormat.Percent((decimal)percent).ShouldBe(expected);
    }
}

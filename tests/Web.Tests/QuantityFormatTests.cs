using BillingOne.Web.Formatting;

namespace BillingOne.Web.Tests;

[Trait("Category", "Unit")]
public sealed class QuantityFormatTests
{
    [Theory]
    [InlineData(437.5, 2, "437.50")]
    [InlineData(1200, 0, "1,200")]
    [InlineData(1199.5, 0, "1,200")]
    [InlineData(0.0125, 3, "0.013")]
    [InlineData(0.00005, 4, "0.0001")]
    [InlineData(-3, 1, "-3.0")]
    public void Quantities_are_grouped_with_exactly_the_unit_types_precision(double quantity, int precision,
        string expected)
    {
        QuantityFormat.Format((decimal)quantity, precision).ShouldBe(expected);
    }

    [Theory]
    [InlineData(500, 2, "500.00")]
    [InlineData(10.5, 0, "10.5")]
    [InlineData(1234.125, 2, "1,234.125")]
    public void Commitments_show_the_precision_at_least_and_are_never_rounded(double units, int precision,
        string expected)
    {
        QuantityFormat.FormatCommit((decimal)units, precision).ShouldBe(expected);
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

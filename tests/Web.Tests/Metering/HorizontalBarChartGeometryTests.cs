using BillingOne.Web.Components.Shared;

namespace BillingOne.Web.Tests.Metering;

[Trait("Category", "Unit")]
public sealed class HorizontalBarChartGeometryTests
{
    [Fact]
    public void Bars_start_at_the_plots_left_edge_as_long_as_their_share_of_the_largest_value()
    {
        var bars = HorizontalBarChartGeometry.Bars([[50m, 200m], [0m, -10m]], categories: 2);

        bars.Select(bar => (bar.Category, bar.Series, bar.Width)).ShouldBe(
            [(0, 0, HorizontalBarChartGeometry.PlotWidth / 4), (0, 1, 0d), (1, 0, HorizontalBarChartGeometry.PlotWidth), (1, 1, 0d)]);
        bars.ShouldAllBe(bar => bar.X == HorizontalBarChartGeometry.LabelWidth);
    }

    [Fact]
    public void A_categorys_bars_stack_in_its_row_and_the_rows_follow_each_other()
    {
        var bars = HorizontalBarChartGeometry.Bars([[1m, 1m], [1m, 1m], [1m, 1m]], categories: 2);

        // A row is three bars of 7 and a gap of 8: 29, the gap split above and below.
        bars.Select(bar => bar.Y).ShouldBe([4d, 11d, 18d, 33d, 40d, 47d]);
        HorizontalBarChartGeometry.RowMiddle(1, 3).ShouldBe(43.5d);
        HorizontalBarChartGeometry.Height(2, 3).ShouldBe(58d + HorizontalBarChartGeometry.ScaleHeight);
    }

    [Fact]
    public void The_scale_is_labelled_at_zero_half_and_the_largest_value()
    {
        HorizontalBarChartGeometry.Scale(300m).ShouldBe(
            [(HorizontalBarChartGeometry.LabelWidth, 0m), (HorizontalBarChartGeometry.LabelWidth + HorizontalBarChartGeometry.PlotWidth / 2, 150m),
                (HorizontalBarChartGeometry.Width - HorizontalBarChartGeometry.RightMargin, 300m)]);
    }

    [Theory]
    [InlineData("Contoso", "Contoso")]
    [InlineData("Abernathy Consolidated Holdings Pty Ltd", "Abernathy Consolidated Ho…")]
    [InlineData("Abernathy Consolidated    Holdings", "Abernathy Consolidated…")]
    public void A_long_name_is_cut_with_an_ellipsis(string name, string label)
    {
        HorizontalBarChartGeometry.Label(name).ShouldBe(label);
        HorizontalBarChartGeometry.Label(name).Length.ShouldBeLessThanOrEqualTo(HorizontalBarChartGeometry.MaxLabelLength);
    }
}

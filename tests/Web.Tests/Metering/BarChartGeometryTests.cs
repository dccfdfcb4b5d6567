using BillingOne.Web.Components.Shared;

namespace BillingOne.Web.Tests.Metering;

[Trait("Category", "Unit")]
public sealed class BarChartGeometryTests
{
    [Fact]
    public void Bars_stand_on_the_axis_as_tall_as_their_share_of_the_largest_value()
    {
        var bars = BarChartGeometry.Bars([[50m, 200m]], categories: 2);

        bars.Select(bar => (bar.Y, bar.Height)).ShouldBe(
            [(BarChartGeometry.PlotHeight * 3 / 4, BarChartGeometry.PlotHeight / 4), (0d, BarChartGeometry.PlotHeight)]);
    }

    [Fact]
    public void The_series_of_a_category_stand_side_by_side_in_its_slot()
    {
        var bars = BarChartGeometry.Bars([[1m, 1m], [2m, 2m]], categories: 2);

        // A slot is 300 wide; its bars fill 70 % of it, centred: 45 to 255, 105 each.
        bars.Select(bar => (bar.Category, bar.Series, bar.X, bar.Width)).ShouldBe(
            [(0, 0, 45d, 105d), (0, 1, 150d, 105d), (1, 0, 345d, 105d), (1, 1, 450d, 105d)]);
        BarChartGeometry.LabelX(1, 2).ShouldBe(450d);
    }

    [Fact]
    public void Nothing_billed_or_a_correction_down_draws_no_bar()
    {
        BarChartGeometry.Bars([[0m, -5m]], categories: 2).ShouldAllBe(bar => bar.Height == 0d && bar.Y == BarChartGeometry.PlotHeight);
        BarChartGeometry.Peak([[0m, -5m]]).ShouldBe(0m);
        BarChartGeometry.Bars([], categories: 3).ShouldBeEmpty();
    }
}

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
            [(BarChartGeometry.Baseline - BarChartGeometry.PlotHeight / 4, BarChartGeometry.PlotHeight / 4),
                (BarChartGeometry.TopMargin, BarChartGeometry.PlotHeight)]);
        bars.ShouldAllBe(bar => bar.Y + bar.Height == BarChartGeometry.Baseline);
    }

    [Fact]
    public void The_series_of_a_category_stand_side_by_side_in_its_slot()
    {
        var bars = BarChartGeometry.Bars([[1m, 1m, 1m, 1m, 1m], [2m, 2m, 2m, 2m, 2m]], categories: 5);

        // A slot is 120 wide; its two bars fill 70 % of it, centred: 18 to 102, 42 each.
        bars.Take(4).Select(bar => (bar.Category, bar.Series, bar.X, bar.Width)).ShouldBe(
            [(0, 0, 18d, 42d), (0, 1, 60d, 42d), (1, 0, 138d, 42d), (1, 1, 180d, 42d)]);
        BarChartGeometry.LabelX(1, 5).ShouldBe(180d);
    }

    [Fact]
    public void Bars_of_a_few_categories_keep_to_a_bar_width_in_the_middle_of_their_slot()
    {
        var bars = BarChartGeometry.Bars([[1m, 2m]], categories: 2);

        bars.Select(bar => (bar.X, bar.Width)).ShouldBe(
            [(150 - BarChartGeometry.MaxBarWidth / 2, BarChartGeometry.MaxBarWidth), (450 - BarChartGeometry.MaxBarWidth / 2, BarChartGeometry.MaxBarWidth)]);
    }

    [Fact]
    public void Nothing_billed_or_a_correction_down_draws_no_bar()
    {
        BarChartGeometry.Bars([[0m, -5m]], categories: 2).ShouldAllBe(bar => bar.Height == 0d && bar.Y == BarChartGeometry.Baseline);
        BarChartGeometry.Peak([[0m, -5m]]).ShouldBe(0m);
        BarChartGeometry.Bars([], categories: 3).ShouldBeEmpty();
    }
}

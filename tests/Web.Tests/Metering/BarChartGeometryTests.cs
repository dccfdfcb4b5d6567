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

    [Fact]
    public void An_outlier_is_clipped_at_the_top_of_a_scale_the_others_fill()
    {
        var series = new IReadOnlyList<decimal>[] { [100m, 80m, 1000m, 60m] };

        BarChartGeometry.Top(series).ShouldBe(125m, "a quarter above the next largest");
        var bars = BarChartGeometry.Bars(series, categories: 4);

        bars.Select(bar => bar.Clipped).ShouldBe([false, false, true, false]);
        bars[2].Height.ShouldBe(BarChartGeometry.PlotHeight);
        bars[0].Height.ShouldBe(BarChartGeometry.PlotHeight * 0.8, "not flattened by the outlier");
    }

    [Theory]
    [InlineData(new[] { 100, 300 })]
    [InlineData(new[] { 100, 90, 300 })]
    [InlineData(new[] { 0, 0, 10, 1000 })]
    public void Without_a_clear_outlier_among_several_values_the_largest_tops_the_scale(int[] values)
    {
        var series = new IReadOnlyList<decimal>[] { [.. values.Select(value => (decimal)value)] };

        BarChartGeometry.Top(series).ShouldBe(values.Max());
        BarChartGeometry.Bars(series, values.Length).ShouldAllBe(bar => !bar.Clipped);
    }

    [Fact]
    public void The_scale_is_labelled_at_zero_half_way_and_the_top()
    {
        BarChartGeometry.Scale(400m).ShouldBe([(BarChartGeometry.Baseline, 0m),
            (BarChartGeometry.TopMargin + BarChartGeometry.PlotHeight / 2, 200m), (BarChartGeometry.TopMargin, 400m)]);
    }
}

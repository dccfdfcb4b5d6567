using BillingOne.Web.Components.Metering;

namespace BillingOne.Web.Tests.Metering;

[Trait("Category", "Unit")]
public sealed class SparklineGeometryTests
{
    [Fact]
    public void Spreads_the_days_across_the_width_with_the_highest_at_the_top_and_the_lowest_at_the_bottom() =>
        SparklineGeometry.Points([0m, 5m, 10m, 2.5m, 10m]).ShouldBe("0,25 30,14 60,3 90,19.5 120,3");

    [Fact]
    public void A_small_change_on_a_large_count_spans_the_height() =>
        SparklineGeometry.Points([50m, 52m, 51m]).ShouldBe("0,25 60,3 120,14");

    [Fact]
    public void Nothing_used_is_a_flat_line_at_the_bottom() =>
        SparklineGeometry.Points([0m, 0m, 0m]).ShouldBe("0,25 60,25 120,25");

    [Fact]
    public void A_single_day_is_a_level_line_across() =>
        SparklineGeometry.Points([7m]).ShouldBe("0,3 120,3");

    [Fact]
    public void No_days_draw_nothing()
    {
        SparklineGeometry.Points([]).ShouldBeEmpty();
        SparklineGeometry.Extremes([]).ShouldBeNull();
    }

    [Fact]
    public void The_lowest_and_highest_are_marked_on_their_first_days() =>
        SparklineGeometry.Extremes([3m, 1m, 4m, 1m, 4m]).ShouldBe((1, 2));
}

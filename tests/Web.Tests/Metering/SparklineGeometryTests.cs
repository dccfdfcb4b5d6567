using BillingOne.Web.Components.Metering;

namespace BillingOne.Web.Tests.Metering;

[Trait("Category", "Unit")]
public sealed class SparklineGeometryTests
{
    [Fact]
    public void Spreads_the_days_across_the_width_with_the_peak_at_the_top_and_zero_at_the_bottom() =>
        SparklineGeometry.Points([0m, 5m, 10m, 2.5m, 10m]).ShouldBe("0,26 30,14 60,2 90,20 120,2");

    [Fact]
    public void Nothing_used_is_a_flat_line_at_the_bottom() =>
        SparklineGeometry.Points([0m, 0m, 0m]).ShouldBe("0,26 60,26 120,26");

    [Fact]
    public void A_single_day_is_a_level_line_across() =>
        SparklineGeometry.Points([7m]).ShouldBe("0,2 120,2");

    [Fact]
    public void No_days_draw_nothing() =>
        SparklineGeometry.Points([]).ShouldBeEmpty();

    [Fact]
    public void Coordinates_are_invariant_and_rounded() =>
        SparklineGeometry.Points([1m, 3m, 2m, 3m]).ShouldBe("0,18 40,2 80,10 120,2");
}

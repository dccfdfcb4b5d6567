using BillingOne.Web.Components.Shared;

namespace BillingOne.Web.Tests;

[Trait("Category", "Unit")]
public sealed class MonthAxisTests
{
    [Fact]
    public void Every_month_from_the_first_to_the_last_is_on_the_axis_across_a_year_end()
    {
        MonthAxis.Every(["2025-02", "2024-11", "2025-02"]).ShouldBe(["2024-11", "2024-12", "2025-01", "2025-02"]);
    }

    [Fact]
    public void Nothing_sent_is_dropped_and_nothing_is_invented_without_months()
    {
        MonthAxis.Every([]).ShouldBeEmpty();
        MonthAxis.Every(["2025-01", "2025-Q1"]).ShouldBe(["2025-01", "2025-Q1"]);
    }
}

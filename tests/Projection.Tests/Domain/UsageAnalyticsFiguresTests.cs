using BillingOne.Projection.Domain;

namespace BillingOne.Projection.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class UsageAnalyticsFiguresTests
{
    [Fact]
    public void The_main_currency_is_that_of_most_buckets_and_the_first_alphabetically_on_a_tie()
    {
        MainCurrency.Of([("NZD", 3), ("AUD", 2)]).ShouldBe("NZD");
        MainCurrency.Of([("USD", 2), ("AUD", 2), ("NZD", 1)]).ShouldBe("AUD");
        MainCurrency.Of([("AUD", 0)]).ShouldBeNull("a currency without buckets is none");
        MainCurrency.Of([]).ShouldBeNull();
    }

    [Fact]
    public void Percentages_are_answered_at_full_precision_up_to_six_decimals()
    {
        // 9.00 / 80.00 = 11.25 %; 53 / 205 = 25.8536585… %, half away from zero at 6 decimals; −25 / 100. The UI rounds.
        AnalyticsFigures.Percent(9.00m, 80.00m).ShouldBe(11.25m);
        AnalyticsFigures.Percent(53m, 205m).ShouldBe(25.853659m);
        AnalyticsFigures.Percent(-25m, 100m).ShouldBe(-25.0m);
        AnalyticsFigures.Percent(5m, 0m).ShouldBeNull("nothing to compare with");
        AnalyticsFigures.Share(125m, 258m).ShouldBe(48.449612m);
        AnalyticsFigures.Share(0m, 0m).ShouldBe(0.0m);
        AnalyticsFigures.Share(0m, 0m).Scale.ShouldBe((byte)1);
    }

    [Fact]
    public void Month_over_month_is_the_change_against_last_period_and_its_share_of_it()
    {
        UsageDashboardFigures.MonthOverMonth(258.00m, 205.00m).ShouldBe((53.00m, (decimal?)25.853659m));
        // A fall: 150 against 200 is −50, −25.0 %.
        UsageDashboardFigures.MonthOverMonth(150m, 200m).ShouldBe((-50m, (decimal?)-25.0m));
        UsageDashboardFigures.MonthOverMonth(10m, 0m).ShouldBe((10m, (decimal?)null), "no percentage of nothing");
        UsageDashboardFigures.MonthOverMonth(null, 200m).ShouldBe(((decimal?)null, (decimal?)null));
        UsageDashboardFigures.MonthOverMonth(10m, null).ShouldBe(((decimal?)null, (decimal?)null));
    }

    [Fact]
    public void The_average_revenue_per_client_is_rounded_to_the_currency()
    {
        // 205.00 / 3 = 68.333…; JPY has no minor unit: 1000 / 3 = 333.33… → 333.
        UsageDashboardFigures.AverageRevenuePerClient(205.00m, 3, "AUD").ShouldBe(68.33m);
        UsageDashboardFigures.AverageRevenuePerClient(1000m, 3, "JPY").ShouldBe(333m);
        UsageDashboardFigures.AverageRevenuePerClient(205.00m, 0, "AUD").ShouldBeNull();
        UsageDashboardFigures.AverageRevenuePerClient(null, 3, "AUD").ShouldBeNull();
    }
}

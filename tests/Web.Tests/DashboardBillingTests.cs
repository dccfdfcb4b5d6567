using System.Globalization;
using System.Net;
using BillingOne.Web.Components.Pages;
using BillingOne.Web.Components.Shared;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using static BillingOne.Web.Tests.TestDoubles.BillingResponses;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;
using static BillingOne.Web.Tests.TestDoubles.MeteringResponses;

namespace BillingOne.Web.Tests;

/// <summary>The dashboard's Usage Billing section: Revenue by Period and the Health line about billing.</summary>
[Trait("Category", "Unit")]
public sealed class DashboardBillingTests : WebUiContext
{
    public DashboardBillingTests()
    {
        Gateway.OnGetClients(_ => ClientPage([], totalCount: 0));
        ServeLatestRun();
    }

    private void ServePeriods(params object[] periods) =>
        Gateway.On(HttpMethod.Get, PeriodsPath, request => Paged(request, periods));

    private void ServeLatestRun(params object[] runs) =>
        Gateway.On(HttpMethod.Get, RunsPath, request => Paged(request, runs));

    /// <summary>Text with its runs of spaces and line breaks folded to single spaces.</summary>
    private static string Words(string text) =>
        string.Join(' ', text.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public void Revenue_by_period_draws_a_bar_per_period_oldest_first_as_tall_as_its_total()
    {
        // The API answers newest first.
        ServePeriods(
            Period("2025-02", totals: [Total(400m)]),
            Period("2025-01", totals: [Total(100m)]),
            Period("2024-12", totals: [Total(200m)]));

        var page = Render<Dashboard>();

        var bars = page.WaitForElements("[data-testid=revenue-chart-AUD-bar]");
        bars.Select(bar => bar.GetAttribute("data-category")).ShouldBe(["2024-12", "2025-01", "2025-02"]);
        bars.Select(bar => double.Parse(bar.GetAttribute("height")!, CultureInfo.InvariantCulture))
            .ShouldBe([BarChartGeometry.PlotHeight / 2, BarChartGeometry.PlotHeight / 4, BarChartGeometry.PlotHeight]);
        bars[2].QuerySelector("title")!.TextContent.ShouldBe("2025-02 · AUD: AUD 400.00");
        page.Find("[data-testid=revenue-chart-AUD-peak]").TextContent.ShouldBe("AUD 400.00");
        page.FindAll("[data-testid=revenue-chart-AUD] .chart-legend li").Select(item => item.TextContent).ShouldBe(["AUD"]);
        page.Find("[data-testid=revenue-chart-AUD] svg").GetAttribute("aria-label")
            .ShouldBe("Revenue by period in AUD, 2024-12 to 2025-02: largest AUD 400.00");
        page.Find("[data-testid=revenue-by-period] h3").TextContent.ShouldBe("Revenue by Period");
        Gateway.RequestsTo(HttpMethod.Get, PeriodsPath).ShouldHaveSingleItem().Query["pageSize"].ShouldBe("12");
    }

    [Fact]
    public void Revenue_by_period_puts_every_month_on_the_axis_a_month_without_billing_as_zero()
    {
        ServePeriods(
            Period("2025-03", totals: [Total(300m)]),
            Period("2024-12", totals: [Total(150m)]));

        var page = Render<Dashboard>();

        var bars = page.WaitForElements("[data-testid=revenue-chart-AUD-bar]");
        bars.Select(bar => bar.GetAttribute("data-category")).ShouldBe(["2024-12", "2025-01", "2025-02", "2025-03"]);
        bars.Select(bar => double.Parse(bar.GetAttribute("height")!, CultureInfo.InvariantCulture))
            .ShouldBe([BarChartGeometry.PlotHeight / 2, 0d, 0d, BarChartGeometry.PlotHeight]);
        page.Find("[data-testid=revenue-chart-AUD-half]").TextContent.ShouldBe("AUD 150.00");
        page.Find("[data-testid=revenue-chart-AUD-peak]").TextContent.ShouldBe("AUD 300.00");
    }

    [Fact]
    public void Revenue_in_each_currency_gets_a_chart_of_its_own()
    {
        ServePeriods(
            Period("2025-02", totals: [Total(400m), Total(50m, "USD")]),
            Period("2025-01", totals: [Total(100m)]));

        var page = Render<Dashboard>();

        page.WaitForElement("[data-testid=revenue-chart-USD]");
        page.FindAll("[data-testid=revenue-chart-AUD-bar]").Count.ShouldBe(2);
        page.FindAll("[data-testid=revenue-chart-USD-bar]").Select(bar => bar.GetAttribute("height")).ShouldBe(["0", "160"],
            "a period without USD readings billed nothing in USD");
    }

    [Fact]
    public void Revenue_by_period_says_no_billing_history_before_the_first_run()
    {
        ServePeriods();

        var page = Render<Dashboard>();

        page.WaitForElement("[data-testid=revenue-by-period-empty]").TextContent.ShouldBe("No billing history");
        page.FindAll("[data-testid=revenue-by-period] svg").ShouldBeEmpty();
    }

    [Fact]
    public void Revenue_by_period_shows_the_problem_when_it_cannot_be_loaded()
    {
        Gateway.On(HttpMethod.Get, PeriodsPath, _ => Problem(HttpStatusCode.ServiceUnavailable, "Metering service unavailable"));

        var page = Render<Dashboard>();

        page.WaitForElement("[data-testid=revenue-by-period-error]").TextContent
            .ShouldContain("Could not load revenue by period: Metering service unavailable");
    }

    [Fact]
    public void Health_says_how_and_when_the_last_billing_run_ended()
    {
        ServePeriods();
        ServeLatestRun(BillingRun("completed", period: "2025-02"));

        var page = Render<Dashboard>();

        page.WaitForAssertion(() => page.Find("[data-testid=health-last-billing-status]").TextContent.ShouldBe("completed"));
        Words(page.Find("[data-testid=health-last-billing]").TextContent)
            .ShouldBe("Last billing: completed · 2025-02 · finished 2025-03-14 09:01 UTC View billing readings");
        page.Find("[data-testid=health-last-billing] a").GetAttribute("href").ShouldBe("metering/billing-readings");
        Gateway.RequestsTo(HttpMethod.Get, RunsPath).ShouldHaveSingleItem().Query["pageSize"].ShouldBe("1");
    }

    [Fact]
    public void Health_says_never_before_the_first_billing_run()
    {
        ServePeriods();

        var page = Render<Dashboard>();

        page.WaitForAssertion(() => Words(page.Find("[data-testid=health-last-billing]").TextContent).ShouldBe("Last billing: never"));
    }
}

using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using BillingOne.Web.Components.Pages;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using static BillingOne.Web.Tests.TestDoubles.BillingResponses;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;
using static BillingOne.Web.Tests.TestDoubles.MeteringResponses;
using static BillingOne.Web.Tests.TestDoubles.UsageAnalyticsResponses;

namespace BillingOne.Web.Tests;

/// <summary>The dashboard's Usage Billing figures from the usage dashboard: cards, tables, charts and Health.</summary>
[Trait("Category", "Unit")]
public sealed class DashboardUsageTests : WebUiContext
{
    public DashboardUsageTests()
    {
        Gateway.OnGetClients(_ => ClientPage([], totalCount: 0));
        Gateway.On(HttpMethod.Get, RunsPath, request => Paged(request, []));
        Gateway.On(HttpMethod.Get, PeriodsPath, request => Paged(request, []));
    }

    /// <summary>Text with its runs of spaces and line breaks folded to single spaces.</summary>
    private static string Words(IElement element) =>
        string.Join(' ', element.TextContent.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries));

    private static List<List<string>> Rows(IRenderedComponent<Dashboard> page, string rowTestId) =>
        page.FindAll($"[data-testid={rowTestId}]").Select(row => row.QuerySelectorAll("td").Select(Words).ToList()).ToList();

    private static double Height(IElement bar) => double.Parse(bar.GetAttribute("height")!, CultureInfo.InvariantCulture);

    private IRenderedComponent<Dashboard> RenderWithUsage()
    {
        var page = Render<Dashboard>();
        page.WaitForElement("[data-testid=health-db-status]");
        return page;
    }

    [Fact]
    public void Cards_show_the_projected_revenue_and_its_rise_over_the_last_period()
    {
        Gateway.On(HttpMethod.Get, UsageDashboardPath, _ => UsageDashboard());

        var page = RenderWithUsage();

        page.Find("[data-testid=card-projected-revenue] h2").TextContent.ShouldBe("Projected Rev");
        page.Find("[data-testid=projected-revenue-value]").TextContent.ShouldBe("AUD 1,234.50");
        page.Find("[data-testid=projected-revenue-period]").TextContent.ShouldBe("2026-12, projected to its end");
        page.Find("[data-testid=card-mom-revenue] h2").TextContent.ShouldBe("MoM Rev");
        Words(page.Find("[data-testid=mom-revenue-value]")).ShouldBe("▲ +12.5 %");
        page.Find("[data-testid=mom-revenue-value]").ClassList.ShouldContain("trend-up");
        Words(page.Find("[data-testid=mom-revenue-change]")).ShouldBe("+AUD 137.17 vs 2026-11 (AUD 1,097.33)");
        page.Find("[data-testid=card-average-revenue] h2").TextContent.ShouldBe("Avg Revenue per Client");
        page.Find("[data-testid=average-revenue-value]").TextContent.ShouldBe("AUD 365.78");
        Words(page.Find("[data-testid=average-revenue-clients]")).ShouldBe("3 clients billed in 2026-11");
        page.FindAll("[data-testid=not-available]").ShouldBeEmpty();
        Gateway.RequestsTo(HttpMethod.Get, UsageDashboardPath).ShouldHaveSingleItem("one answer feeds every part");
    }

    [Fact]
    public void A_fall_over_the_last_period_points_down_with_a_minus()
    {
        Gateway.On(HttpMethod.Get, UsageDashboardPath, _ => UsageDashboard(projected: 950m, lastRevenue: 1000m, change: -50m, percent: -5.0m));

        var page = RenderWithUsage();

        Words(page.Find("[data-testid=mom-revenue-value]")).ShouldBe("▼ −5.0 %");
        page.Find("[data-testid=mom-revenue-value]").ClassList.ShouldContain("trend-down");
        Words(page.Find("[data-testid=mom-revenue-change]")).ShouldBe("−AUD 50.00 vs 2026-11 (AUD 1,000.00)");
    }

    [Fact]
    public void New_overages_list_each_bucket_with_its_percent_of_commit_under_the_seeds_subtitle()
    {
        Gateway.On(HttpMethod.Get, UsageDashboardPath, _ => UsageDashboard());

        var page = RenderWithUsage();

        page.Find("[data-testid=new-overages] h3").TextContent.ShouldBe("New Overages This Period");
        page.Find("[data-testid=new-overages] .hint").TextContent
            .ShouldBe("Clients projected to exceed their commit who were under last period.");
        page.FindAll("[data-testid=new-overages-table] thead th").Select(header => header.TextContent)
            .ShouldBe(["Client", "Bucket", "% of Commit"]);
        Rows(page, "new-overage-row").ShouldBe([
            ["Northwind", "Mailboxes", "125.0 %last period 95.0 %"],
            ["Contoso", "Backup GB", "110.0 %"],
        ], "the last period's figure is a line of its own under this period's");
        page.FindAll("[data-testid=new-overage-last-period]").ShouldHaveSingleItem().TextContent.ShouldBe("last period 95.0 %");
        page.Find("[data-testid=new-overage-row] a").GetAttribute("href").ShouldBe($"clients/{NorthwindId}");
    }

    [Fact]
    public void Top_clients_show_their_projected_bill_and_share_with_a_bar_as_long_as_the_share()
    {
        Gateway.On(HttpMethod.Get, UsageDashboardPath, _ => UsageDashboard());

        var page = RenderWithUsage();

        page.Find("[data-testid=top-clients] h3").TextContent.ShouldBe("This Period — Top Clients");
        page.FindAll("[data-testid=top-clients-table] thead th").Select(header => header.TextContent)
            .ShouldBe(["Client", "Projected", "Share"]);
        Rows(page, "top-client-row").ShouldBe([
            ["Contoso", "AUD 740.70", "60.0 %"],
            ["Northwind", "AUD 493.80", "40.0 %"],
        ]);
        page.FindAll("[data-testid=top-client-share-bar] .share-bar-fill").Select(bar => bar.GetAttribute("width"))
            .ShouldBe(["60.0", "40.0"]);
        page.Find("[data-testid=top-client-share-bar]").GetAttribute("aria-label").ShouldBe("60.0 % of projected revenue");
    }

    [Fact]
    public void Client_status_and_revenue_by_source_type_are_charts_of_the_last_period()
    {
        Gateway.On(HttpMethod.Get, UsageDashboardPath, _ => UsageDashboard());

        var page = RenderWithUsage();

        page.Find("[data-testid=client-status] h3").TextContent.ShouldBe("Client Status — Last Period");
        var statusBars = page.FindAll("[data-testid=client-status-chart-bar]");
        statusBars.Select(bar => bar.GetAttribute("data-category")).ShouldBe(["Over commit", "Under commit", "Mixed", "On commit"]);
        // Three under-commit clients fill the plot (160); two over-commit two thirds of it, one mixed a third.
        statusBars.Select(Height).ShouldBe([106.67, 160, 53.33, 0]);
        statusBars[1].QuerySelector("title")!.TextContent.ShouldBe("Under commit · Clients: 3");

        page.Find("[data-testid=revenue-by-source-type] h3").TextContent.ShouldBe("Revenue by Source Type — Last Period");
        var sourceBars = page.FindAll("[data-testid=source-type-chart-bar]");
        sourceBars.Select(bar => bar.GetAttribute("data-category")).ShouldBe(["veeam", "Any source"]);
        // 297.33 / 800.00 of the plot's 160.
        sourceBars.Select(Height).ShouldBe([160, 59.47]);
        Rows(page, "source-type-row").ShouldBe([["AUD 800.00", "72.9 %"], ["AUD 297.33", "27.1 %"]]);
    }

    [Fact]
    public void Health_says_the_database_answers_and_when_projections_were_last_calculated()
    {
        Gateway.On(HttpMethod.Get, UsageDashboardPath, _ => UsageDashboard());

        var page = RenderWithUsage();

        Words(page.Find("[data-testid=health-db]")).ShouldBe("DB: OK");
        Words(page.Find("[data-testid=health-last-projection]")).ShouldBe("Last projection: 2026-12-05 06:00 UTC View projections");
        page.WaitForAssertion(() => Words(page.Find("[data-testid=health-last-billing]")).ShouldBe("Last billing: never"));
        page.FindAll("[data-testid=health] > p").Select(line => line.GetAttribute("data-testid"))
            .ShouldBe(["health-db", "health-last-billing", "health-last-projection"]);
    }

    [Fact]
    public void Without_projections_or_billing_history_each_part_says_so_in_the_seeds_words()
    {
        Gateway.On(HttpMethod.Get, UsageDashboardPath, _ => EmptyUsageDashboard());

        var page = RenderWithUsage();

        page.Find("[data-testid=projected-revenue-empty]").TextContent.ShouldBe("No projections");
        page.Find("[data-testid=mom-revenue-empty]").TextContent.ShouldBe("No projections");
        page.Find("[data-testid=new-overages-empty]").TextContent.Trim().ShouldBe("No new overages");
        page.Find("[data-testid=top-clients-empty]").TextContent.Trim().ShouldBe("No projections");
        page.Find("[data-testid=client-status-empty]").TextContent.ShouldBe("No projections");
        page.Find("[data-testid=revenue-by-source-type-empty]").TextContent.ShouldBe("No projections");
        page.Find("[data-testid=average-revenue-empty]").TextContent.ShouldBe("No billing history");
        Words(page.Find("[data-testid=health-last-projection]")).ShouldBe("Last projection: —");
        page.FindAll("[data-testid=client-status-chart], [data-testid=source-type-chart]").ShouldBeEmpty();
    }

    [Fact]
    public void Projections_without_last_periods_billing_leave_month_over_month_to_billing_history()
    {
        Gateway.On(HttpMethod.Get, UsageDashboardPath, _ => Json(new
        {
            period = "2026-12", lastPeriod = "2026-11", currency = "AUD", projectedRevenue = 500m,
            lastPeriodRevenue = (decimal?)null, monthOverMonthChange = (decimal?)null, monthOverMonthPercent = (decimal?)null,
            newOverages = Array.Empty<object>(), topClients = Array.Empty<object>(), lastPeriodStatus = (object?)null,
            revenueBySourceType = Array.Empty<object>(), averageRevenuePerClient = (decimal?)null,
            clientsBilledLastPeriod = 0, lastProjectionAt = ProjectedAt,
        }));

        var page = RenderWithUsage();

        page.Find("[data-testid=projected-revenue-value]").TextContent.ShouldBe("AUD 500.00");
        page.Find("[data-testid=mom-revenue-empty]").TextContent.ShouldBe("No billing history");
    }

    [Fact]
    public void A_failing_usage_dashboard_shows_its_problem_in_each_part_and_in_health_while_billing_still_shows()
    {
        Gateway.On(HttpMethod.Get, UsageDashboardPath, _ => Problem(HttpStatusCode.ServiceUnavailable, "Projection service unavailable"));
        Gateway.On(HttpMethod.Get, PeriodsPath, request => Paged(request, [Period("2026-11", totals: [Total(1097.33m)])]));

        var page = Render<Dashboard>();

        page.WaitForAssertion(() => Words(page.Find("[data-testid=health-db]")).ShouldBe("DB: Projection service unavailable"));
        foreach (var part in new[] { "projected-revenue", "mom-revenue", "new-overages", "top-clients", "client-status",
                     "revenue-by-source-type", "average-revenue" })
        {
            page.Find($"[data-testid={part}-error]").TextContent.ShouldBe("Could not load: Projection service unavailable");
        }

        page.WaitForElement("[data-testid=revenue-chart-AUD]");
    }
}

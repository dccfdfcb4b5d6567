using System.Net;
using BillingOne.Web.Components.Pages;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using static BillingOne.Web.Tests.TestDoubles.ClientBillingResponses;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;
using static BillingOne.Web.Tests.TestDoubles.MeteringResponses;

namespace BillingOne.Web.Tests;

[Trait("Category", "Unit")]
public sealed class DashboardTests : WebUiContext
{
    // Twelve months of MRR, April 2025 to March 2026.
    private static readonly decimal[] Trend =
        [1000m, 1100m, 1150m, 1150m, 1200m, 1250m, 1300m, 1280m, 1320m, 1400m, 1450m, 1523.75m];

    [Fact]
    public void Summary_cards_show_the_dashboards_figures()
    {
        Gateway.On(HttpMethod.Get, DashboardPath, _ => Dashboard(
            mrr: 1523.75m, activeSubscriptions: 48, pendingInvoices: 8, underLicensedClients: 7, clients: 42, trend: Trend));

        var page = Render<Dashboard>();

        page.WaitForElement("[data-testid=mrr-value]").TextContent.ShouldBe("AUD 1,523.75");
        page.Find("[data-testid=active-subscriptions-count]").TextContent.ShouldBe("48");
        page.Find("[data-testid=pending-invoices-count]").TextContent.ShouldBe("8");
        page.Find("[data-testid=under-licensed-count]").TextContent.ShouldBe("7");
        page.WaitForElement("[data-testid=clients-count]").TextContent.ShouldBe("42");
        page.FindAll("section[aria-label=Summary] article h2").Select(title => title.TextContent)
            .ShouldBe(["Monthly Recurring Revenue (MRR)", "Active Subscriptions", "Pending Invoices", "Under-Licensed Clients"]);
        page.Markup.ShouldNotContain("Not available yet: MRR");
        Gateway.RequestsTo(HttpMethod.Get, DashboardPath).ShouldHaveSingleItem("one answer feeds every card");
        Gateway.RequestsTo(HttpMethod.Get, "/api/projection/clients").ShouldBeEmpty();
    }

    [Fact]
    public void Under_licensed_card_links_to_the_filtered_client_list_and_pending_invoices_to_drafts_and_submitted()
    {
        Gateway.On(HttpMethod.Get, DashboardPath, _ => Dashboard(pendingInvoices: 3, underLicensedClients: 2));

        var page = Render<Dashboard>();

        page.WaitForElement("[data-testid=under-licensed-count]");
        page.Find("[data-testid=under-licensed-link]").GetAttribute("href").ShouldBe("clients?status=under-licensed");
        page.Find("[data-testid=pending-invoices-link]").GetAttribute("href").ShouldBe("invoices?status=draft");
        page.Find("[data-testid=pending-invoices-submitted-link]").GetAttribute("href").ShouldBe("invoices?status=submitted");
    }

    [Fact]
    public void Mrr_trend_draws_a_bar_per_month_with_its_amount_and_a_table_of_the_same_figures()
    {
        Gateway.On(HttpMethod.Get, DashboardPath, _ => Dashboard(mrr: 1523.75m, trend: Trend));

        var page = Render<Dashboard>();

        var bars = page.WaitForElements("[data-testid=mrr-trend-chart-bar]");
        bars.Count.ShouldBe(12);
        bars[0].GetAttribute("data-category").ShouldBe("Apr 2025");
        bars[0].QuerySelector("title")!.TextContent.ShouldBe("Apr 2025 · MRR: AUD 1,000.00");
        bars[11].GetAttribute("data-category").ShouldBe("Mar 2026");
        bars[11].QuerySelector("title")!.TextContent.ShouldBe("Mar 2026 · MRR: AUD 1,523.75");
        // The tallest bar is the latest month, and the gridline's label says its amount.
        bars.Select(bar => double.Parse(bar.GetAttribute("height")!, System.Globalization.CultureInfo.InvariantCulture))
            .Max().ShouldBe(double.Parse(bars[11].GetAttribute("height")!, System.Globalization.CultureInfo.InvariantCulture));
        page.Find("[data-testid=mrr-trend-chart-peak]").TextContent.ShouldBe("AUD 1,523.75");
        page.Find("[data-testid=mrr-trend-chart] svg").GetAttribute("aria-label")
            .ShouldBe("MRR over the last 12 months in AUD, Apr 2025 to Mar 2026: largest AUD 1,523.75");

        var rows = page.FindAll("[data-testid=mrr-trend-row]");
        rows.Count.ShouldBe(12);
        rows[8].TextContent.ShouldContain("Dec 2025");
        rows[8].TextContent.ShouldContain("AUD 1,320.00");
    }

    [Fact]
    public void A_failing_dashboard_shows_its_problem_on_every_card_and_leaves_the_metering_cards_working()
    {
        Gateway.On(HttpMethod.Get, DashboardPath, _ => Problem(HttpStatusCode.ServiceUnavailable, "Projection service unavailable"));
        Gateway.On(HttpMethod.Get, AssetsPath, request => Paged(request, [], 5));

        var page = Render<Dashboard>();

        page.WaitForAssertion(() => page.Find("[data-testid=card-mrr]").TextContent
            .ShouldContain("Could not load: Projection service unavailable"));
        foreach (var card in new[] { "card-active-subscriptions", "card-pending-invoices", "card-under-licensed", "card-clients" })
        {
            page.Find($"[data-testid={card}]").TextContent.ShouldContain("Could not load: Projection service unavailable");
        }
        page.Find("[data-testid=mrr-trend-error]").TextContent.ShouldContain("Projection service unavailable");
        page.FindAll("[data-testid=mrr-trend-chart-bar]").ShouldBeEmpty();
        page.WaitForElement("[data-testid=assets-count]").TextContent.ShouldBe("5");
    }

    [Fact]
    public void Metering_cards_count_each_list_and_link_to_its_page()
    {
        Gateway.On(HttpMethod.Get, DashboardPath, _ => Dashboard(clients: 42));
        var assetCounts = new Dictionary<string, long> { ["all"] = 120, ["unassigned"] = 4, ["unbound"] = 9, ["new"] = 2 };
        Gateway.On(HttpMethod.Get, AssetsPath, request => Paged(request, [], assetCounts[request.Query["view"]]));
        Gateway.On(HttpMethod.Get, BucketsPath, request => Paged(request, [], 31));

        var page = Render<Dashboard>();

        foreach (var (card, count, href) in new[]
        {
            ("clients", "42", "clients"),
            ("assets", "120", "metering/assets"),
            ("buckets", "31", "metering/buckets"),
            ("unassigned-assets", "4", "metering/assets/unassigned"),
            ("unbound-assets", "9", "metering/unbound"),
            ("new-assets", "2", "metering/assets/new"),
        })
        {
            page.WaitForElement($"[data-testid={card}-count]").TextContent.ShouldBe(count);
            page.Find($"[data-testid={card}-link]").GetAttribute("href").ShouldBe(href);
        }

        page.FindAll("section[aria-labelledby=dashboard-metering-heading] article h2")
            .Select(title => title.TextContent).ShouldBe(["Clients", "Assets", "Buckets", "Unassigned Assets", "Unbound Assets", "New Assets"]);
        var assetQueries = Gateway.RequestsTo(HttpMethod.Get, AssetsPath).Select(request => request.Query).ToList();
        assetQueries.Select(query => query["view"]).ShouldBe(["all", "unassigned", "unbound", "new"], ignoreOrder: true);
        assetQueries.ShouldAllBe(query => query["pageSize"] == "1");
        Gateway.RequestsTo(HttpMethod.Get, BucketsPath).ShouldHaveSingleItem().Query["pageSize"].ShouldBe("1");
    }

    [Fact]
    public void A_metering_card_shows_the_problem_when_its_count_cannot_be_loaded()
    {
        Gateway.On(HttpMethod.Get, DashboardPath, _ => Dashboard());
        Gateway.On(HttpMethod.Get, AssetsPath, request => Paged(request, [], 5));
        Gateway.On(HttpMethod.Get, BucketsPath, _ => Problem(HttpStatusCode.ServiceUnavailable, "Metering service unavailable"));

        var page = Render<Dashboard>();

        page.WaitForAssertion(() => page.Find("[data-testid=card-buckets]").TextContent
            .ShouldContain("Could not load: Metering service unavailable"));
        page.FindAll("[data-testid=buckets-count]").ShouldBeEmpty();
        page.WaitForElement("[data-testid=assets-count]").TextContent.ShouldBe("5");
    }

    [Fact]
    public void Offers_Sync_All_with_a_sync_button_for_each_integration()
    {
        Gateway.On(HttpMethod.Get, DashboardPath, _ => Dashboard());

        var page = Render<Dashboard>();

        page.Find("[data-testid=sync-all-start]").TextContent.Trim().ShouldBe("Sync All");
        page.Find("[data-testid=sync-all-pax8-start]").TextContent.Trim().ShouldBe("Sync Pax8");
        page.Find("[data-testid=sync-all-rmm-start]").TextContent.Trim().ShouldBe("Sync RMM");
        page.Find("[data-testid=sync-all-xero-start]").TextContent.Trim().ShouldBe("Sync Xero");
        page.Find("[data-testid=sync-all-synergy-start]").TextContent.Trim().ShouldBe("Sync Synergy");
    }
}

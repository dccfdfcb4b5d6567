using System.Net;
using BillingOne.Web.Components.Pages;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;
using static BillingOne.Web.Tests.TestDoubles.MeteringResponses;

namespace BillingOne.Web.Tests;

[Trait("Category", "Unit")]
public sealed class DashboardTests : WebUiContext
{
    [Fact]
    public void Under_licensed_card_counts_those_clients_and_links_to_the_filtered_list()
    {
        Gateway.OnGetClients(_ => ClientPage([Client("Contoso", status: "under-licensed")], pageSize: 1, totalCount: 7));

        var page = Render<Dashboard>();

        page.WaitForElement("[data-testid=under-licensed-count]").TextContent.ShouldBe("7");
        page.Find("[data-testid=under-licensed-link]").GetAttribute("href").ShouldBe("clients?status=under-licensed");
        var query = Gateway.RequestsTo(HttpMethod.Get, "/api/projection/clients")
            .Where(request => request.Query.ContainsKey("status")).ShouldHaveSingleItem().Query;
        query["status"].ShouldBe("under-licensed");
        query["pageSize"].ShouldBe("1");
    }

    [Fact]
    public void Metering_cards_count_each_list_and_link_to_its_page()
    {
        // All clients for the Clients card; the under-licensed card asks with a status.
        Gateway.OnGetClients(request => ClientPage([], totalCount: request.Query.ContainsKey("status") ? 0 : 42));
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
        Gateway.OnGetClients(_ => ClientPage([], totalCount: 0));
        Gateway.On(HttpMethod.Get, AssetsPath, request => Paged(request, [], 5));
        Gateway.On(HttpMethod.Get, BucketsPath, _ => Problem(HttpStatusCode.ServiceUnavailable, "Metering service unavailable"));

        var page = Render<Dashboard>();

        page.WaitForAssertion(() => page.Find("[data-testid=card-buckets]").TextContent
            .ShouldContain("Could not load: Metering service unavailable"));
        page.FindAll("[data-testid=buckets-count]").ShouldBeEmpty();
        page.WaitForElement("[data-testid=assets-count]").TextContent.ShouldBe("5");
    }

    [Fact]
    public void Pending_invoices_card_counts_drafts_and_submitted_and_links_to_each()
    {
        Gateway.OnGetClients(_ => ClientPage([], totalCount: 0));
        Gateway.On(HttpMethod.Get, InvoiceResponses.SummaryPath, _ => Json(new
        {
            total = 40,
            byStatus = new { draft = 5, submitted = 3, awaiting = 20, overdue = 4, paid = 7, voided = 1 },
            unmapped = 2,
            pending = 8,
        }));

        var page = Render<Dashboard>();

        page.WaitForElement("[data-testid=pending-invoices-count]").TextContent.ShouldBe("8");
        page.Find("[data-testid=card-pending-invoices] h2").TextContent.ShouldBe("Pending Invoices");
        page.Find("[data-testid=pending-invoices-link]").GetAttribute("href").ShouldBe("invoices?status=draft");
        page.Find("[data-testid=pending-invoices-submitted-link]").GetAttribute("href").ShouldBe("invoices?status=submitted");
    }

    [Fact]
    public void A_failing_invoice_service_leaves_the_other_cards_working()
    {
        Gateway.OnGetClients(_ => ClientPage([], totalCount: 7));
        Gateway.On(HttpMethod.Get, InvoiceResponses.SummaryPath, _ => Problem(HttpStatusCode.ServiceUnavailable, "Invoice service unavailable"));

        var page = Render<Dashboard>();

        page.WaitForAssertion(() => page.Find("[data-testid=card-pending-invoices]").TextContent
            .ShouldContain("Could not load: Invoice service unavailable"));
        page.FindAll("[data-testid=pending-invoices-count]").ShouldBeEmpty();
        page.WaitForElement("[data-testid=clients-count]").TextContent.ShouldBe("7");
    }

    [Fact]
    public void Cards_without_a_source_say_so_instead_of_showing_numbers()
    {
        Gateway.OnGetClients(_ => ClientPage([], totalCount: 0));

        var page = Render<Dashboard>();

        foreach (var card in new[] { "card-mrr", "card-active-subscriptions" })
        {
            var element = page.Find($"[data-testid={card}]");
            element.TextContent.ShouldContain("Not available yet:");
            element.QuerySelector(".card-value").ShouldBeNull();
        }
    }

    [Fact]
    public void Under_licensed_card_shows_the_problem_when_the_api_fails()
    {
        Gateway.OnGetClients(_ => Problem(HttpStatusCode.ServiceUnavailable, "Projection service unavailable"));

        var page = Render<Dashboard>();

        page.WaitForAssertion(() => page.Find("[data-testid=card-under-licensed]").TextContent
            .ShouldContain("Could not load: Projection service unavailable"));
        page.FindAll("[data-testid=under-licensed-count]").ShouldBeEmpty();
    }

    [Fact]
    public void Offers_Sync_All_with_a_sync_button_for_each_integration()
    {
        Gateway.OnGetClients(_ => ClientPage([], totalCount: 0));

        var page = Render<Dashboard>();

        page.Find("[data-testid=sync-all-start]").TextContent.Trim().ShouldBe("Sync All");
        page.Find("[data-testid=sync-all-pax8-start]").TextContent.Trim().ShouldBe("Sync Pax8");
        page.Find("[data-testid=sync-all-rmm-start]").TextContent.Trim().ShouldBe("Sync RMM");
        page.Find("[data-testid=sync-all-xero-start]").TextContent.Trim().ShouldBe("Sync Xero");
        page.Find("[data-testid=sync-all-synergy-start]").TextContent.Trim().ShouldBe("Sync Synergy");
    }
}

using BillingOne.Web.Components.Integrations;
using BillingOne.Web.Components.Pages;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;
using static BillingOne.Web.Tests.TestDoubles.IntegrationResponses;
using static BillingOne.Web.Tests.TestDoubles.MeteringResponses;

namespace BillingOne.Web.Tests;

[Trait("Category", "Unit")]
public sealed class DomainsHostingPageTests : ListPageContext<DomainsHosting>
{
    private const string DomainsPath = "/api/reconciliation/domains";
    private const string HostingPath = "/api/reconciliation/hosting";
    private const string CertificatesPath = "/api/reconciliation/ssl-certificates";
    private const string SummaryPath = "/api/reconciliation/domains/summary";
    private const string SynergyPath = "/api/reconciliation/integrations/synergy";
    private static readonly Guid RunId = Guid.Parse("9e000000-0000-4000-8000-000000000031");

    public DomainsHostingPageTests() : base(DomainsPath, "domains-hosting")
    {
        Navigation.NavigateTo("domains-hosting");
        ServeSummary(domains: 3, hosting: 1, certificates: 2);
    }

    private static DateTimeOffset Now => new(2025, 3, 14, 9, 0, 0, TimeSpan.Zero);

    private void ServeSummary(int domains, int hosting, int certificates) =>
        Gateway.On(HttpMethod.Get, SummaryPath, _ => Json(new
        {
            expiringWithinDays = 30,
            domains = Counts(domains, expiring: 1),
            hosting = Counts(hosting, expiring: 0),
            certificates = Counts(certificates, expiring: 2),
        }));

    private static object Counts(int total, int expiring) =>
        new { total, expiringSoon = expiring, expired = 0, autoRenewOff = 0, unmapped = 1 };

    private static object Domain(string name, Guid? clientId, string? clientName, DateTimeOffset? expiresAt,
        bool autoRenew = true, string status = "ok", string accountName = "Contoso Pty Ltd") => new
        {
            name,
            status,
            expiresAt,
            autoRenew,
            accountId = accountName.ToLowerInvariant(),
            accountName,
            clientId,
            clientName,
            firstSeenAt = Created,
        };

    [Fact]
    public void A_domains_registry_status_reads_as_words_with_the_code_as_its_tooltip()
    {
        ServeList(
            Domain("contoso.com.au", ContosoId, "Contoso", Time.GetUtcNow().AddDays(10), status: "clientTransferProhibited"),
            Domain("fabrikam.net", ContosoId, "Contoso", Time.GetUtcNow().AddDays(20), status: "ok"),
            Domain("northwind.io", ContosoId, "Contoso", Time.GetUtcNow().AddDays(30), status: "clientHold, someNewCode"));

        var page = RenderLoaded();

        var badges = page.FindAll("[data-testid=domains-hosting-status] .badge");
        badges.Select(badge => badge.TextContent).ShouldBe(["Transfer locked", "Active", "On hold (not resolving), Some new code"]);
        badges.Select(badge => badge.GetAttribute("title")).ShouldBe(
            ["Registry status: clientTransferProhibited", "Registry status: ok", "Registry status: clientHold, someNewCode"]);
    }

    [Fact]
    public void Lists_domains_with_client_status_expiry_and_auto_renew_and_links_unmapped_ones_to_the_mappings()
    {
        ServeList(
            Domain("contoso.com.au", ContosoId, "Contoso", Time.GetUtcNow().AddDays(10)),
            Domain("fabrikam.net", null, null, Time.GetUtcNow().AddDays(200), autoRenew: false, accountName: "Fabrikam Holdings"));

        var page = RenderLoaded();

        ColumnHeaders(page).ShouldBe(["Domain", "Client", "Status", "Expiry", "Auto-renew"]);
        var rows = page.FindAll("[data-testid=domains-hosting-row]");
        rows.Count.ShouldBe(2);
        CellText(rows[0].QuerySelector("[data-testid=domains-hosting-client]")!).ShouldBe("Contoso");
        CellText(rows[0].QuerySelector("[data-testid=domains-hosting-date]")!).ShouldEndWith("in 10 days");
        CellText(rows[1].QuerySelector("[data-testid=domains-hosting-client]")!).ShouldBe("Fabrikam Holdings unmapped");
        rows[1].QuerySelector("[data-testid=domains-hosting-map]")!.GetAttribute("href").ShouldBe("clients/mappings?vendor=synergy");
        CellText(rows[1].QuerySelector("[data-testid=domains-hosting-auto-renew]")!).ShouldBe("Off");
        page.Find("[data-testid=domains-hosting-tab-domains]").ClassList.ShouldContain("active");
        page.Find("[data-testid=domains-hosting-tab-ssl]").TextContent.ShouldStartWith("SSL certificates");
        page.Find("[data-testid=domains-hosting-tab-ssl] .tag").TextContent.ShouldBe("2");
        page.Find("[data-testid=domains-hosting-summary-expiring]").TextContent.ShouldBe("1");
        LastListRequest.Query["sort"].ShouldBe("name");
        LastListRequest.Query.ShouldNotContainKey("expiringWithinDays");
    }

    [Fact]
    public void The_hosting_tab_lists_services_with_plan_and_renewal()
    {
        Navigation.NavigateTo("domains-hosting?tab=hosting");
        Gateway.On(HttpMethod.Get, HostingPath, request => Paged(request, [new
        {
            id = "HO100001", domain = "contoso.com.au", plan = "Business 10GB", status = "Active",
            renewsAt = Now.AddDays(90), diskUsageMb = 100m, diskLimitMb = 10240m, accountId = "contoso pty ltd",
            accountName = "Contoso Pty Ltd", clientId = ContosoId, clientName = "Contoso",
        }]));

        var page = RenderLoaded();

        ColumnHeaders(page).ShouldBe(["Service", "Domain", "Client", "Plan", "Status", "Renews"]);
        page.FindAll("[data-testid=domains-hosting-row] td").Select(CellText)
            .ShouldBe(["HO100001", "contoso.com.au", "Contoso", "Business 10GB", "Active", Now.AddDays(90).ToString("yyyy-MM-dd")]);
        page.Find("[data-testid=domains-hosting-tab-hosting]").ClassList.ShouldContain("active");
    }

    [Fact]
    public void The_ssl_tab_lists_certificates_with_product_and_expiry()
    {
        Navigation.NavigateTo("domains-hosting?tab=ssl");
        Gateway.On(HttpMethod.Get, CertificatesPath, request => Paged(request, [new
        {
            id = "700001", commonName = "*.contoso.com.au", product = "Sectigo PositiveSSL Wildcard", status = "Issued",
            expiresAt = Time.GetUtcNow().AddDays(-2), accountId = "contoso pty ltd", accountName = "Contoso Pty Ltd",
            clientId = ContosoId, clientName = "Contoso",
        }]));

        var page = RenderLoaded();

        ColumnHeaders(page).ShouldBe(["Common name", "Client", "Product", "Status", "Expiry"]);
        CellText(page.Find("[data-testid=domains-hosting-detail]")).ShouldBe("Sectigo PositiveSSL Wildcard");
        page.Find("[data-testid=domains-hosting-expiry-tag]").TextContent.ShouldBe("expired");
    }

    [Fact]
    public void Search_and_expiring_soon_go_to_the_address_and_the_request()
    {
        ServeList(Domain("contoso.com.au", ContosoId, "Contoso", Now));
        var page = RenderLoaded();

        page.Find("[data-testid=domains-hosting-search]").Change("contoso");
        Navigation.Uri.ShouldBe("http://localhost/domains-hosting?search=contoso");
        page.Find("[data-testid=domains-hosting-expiring]").Change(true);

        Navigation.Uri.ShouldBe("http://localhost/domains-hosting?search=contoso&expiring=True");
        page.WaitForAssertion(() => LastListRequest.Query.ShouldContainKey("expiringWithinDays"));
        LastListRequest.Query["expiringWithinDays"].ShouldBe("30");
        LastListRequest.Query["search"].ShouldBe("contoso");
        page.Find("[data-testid=domains-hosting-export]").GetAttribute("href")
            .ShouldBe("domains-hosting/export.csv?tab=domains&search=contoso&expiring=true&sort=name&direction=asc");
    }

    [Fact]
    public void Says_nothing_matches_a_filter_and_offers_to_clear_it()
    {
        Navigation.NavigateTo("domains-hosting?search=nothing&expiring=true");
        ServeList();

        var page = RenderLoaded();

        page.Find("[data-testid=domains-hosting-empty] p").TextContent.ShouldBe("No domains match");
        page.FindAll("[data-testid=domains-hosting-not-connected]").ShouldBeEmpty();
        page.Find("[data-testid=domains-hosting-clear-filters]").Click();
        Navigation.Uri.ShouldBe("http://localhost/domains-hosting");
    }

    [Fact]
    public void Before_the_first_sync_says_where_to_connect_Synergy_Wholesale()
    {
        ServeSummary(0, 0, 0);
        ServeList();

        var page = RenderLoaded();

        page.WaitForAssertion(() => CellText(page.Find("[data-testid=domains-hosting-not-connected]"))
            .ShouldBe("Connect Synergy Wholesale in Settings → Integrations, then use Sync All."));
        page.Find("[data-testid=domains-hosting-integrations-link]").GetAttribute("href").ShouldBe("settings/integrations");
        page.Find("[data-testid=domains-hosting-sync-start]").TextContent.Trim().ShouldBe("Sync All");
    }

    [Fact]
    public void Sync_All_follows_the_synergy_sync_then_shows_what_it_brought()
    {
        ServeSummary(0, 0, 0);
        ServeList();
        Gateway.On(HttpMethod.Post, $"{SynergyPath}/sync", _ => SyncAlreadyRunning(RunId));
        Gateway.On(HttpMethod.Get, SyncRunPath(RmmIntegrations, RunId), _ => Json(
            SyncRun(RunId, integration: "synergy", status: "running", stage: "domains", itemsDone: 120, itemsTotal: 400)));
        var page = RenderLoaded();

        page.Find("[data-testid=domains-hosting-sync-start]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=sync-run-items]").TextContent.ShouldBe("120 of 400"));
        Gateway.On(HttpMethod.Get, SyncRunPath(RmmIntegrations, RunId), _ => Json(SyncRun(RunId, integration: "synergy", added: 1)));
        ServeSummary(1, 0, 0);
        ServeList(Domain("contoso.com.au", ContosoId, "Contoso", Now));
        Time.AdvanceAfterTimer(1, SyncRunner.PollInterval);

        page.WaitForAssertion(() => page.FindAll("[data-testid=domains-hosting-row]").Count.ShouldBe(1));
        page.Find("[data-testid=domains-hosting-tab-domains] .tag").TextContent.ShouldBe("1");
    }
}

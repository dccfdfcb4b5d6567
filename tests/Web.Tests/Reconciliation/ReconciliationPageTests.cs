using System.Net;
using BillingOne.Web.Components.Integrations;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using static BillingOne.Web.Tests.Reconciliation.ReconciliationResponses;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;
using static BillingOne.Web.Tests.TestDoubles.IntegrationResponses;
using static BillingOne.Web.Tests.TestDoubles.MeteringResponses;
using ReconciliationPage = BillingOne.Web.Components.Pages.Reconciliation;

namespace BillingOne.Web.Tests.Reconciliation;

[Trait("Category", "Unit")]
public sealed class ReconciliationPageTests : ListPageContext<ReconciliationPage>
{
    private static readonly Guid RunId = Guid.Parse("9e000000-0000-4000-8000-000000000041");

    public ReconciliationPageTests() : base(ClientsPath, "reconciliation")
    {
        Navigation.NavigateTo("reconciliation");
        Gateway.On(HttpMethod.Get, SummaryPath, _ => Summary(underLicensed: 1, overLicensed: 1, matched: 0, noData: 1, latestSnapshotAt: TakenAt));
    }

    [Fact]
    public void Lists_each_clients_devices_licenses_signed_variance_and_status_with_the_counts_per_status()
    {
        ServeList(
            Client(ContosoId, "Contoso", devices: 15, licenses: 12, "under-licensed", missed: 37.50m),
            Client(NorthwindId, "Northwind", devices: 8, licenses: 10, "over-licensed", missed: 0m),
            Client(Guid.NewGuid(), "Tailspin", devices: null, licenses: 4, "no-data"));

        var page = RenderLoaded();

        ColumnHeaders(page).ShouldBe(["Client", "Devices", "Licenses", "Variance", "Status", "Missed / month"]);
        page.FindAll("[data-testid=reconciliation-row]").Select(row => row.QuerySelectorAll("td").Select(CellText).ToList()).ToList()
            .ShouldBe([
                ["Contoso", "15", "12", "+3", "Under-licensed", "AUD 37.50"],
                ["Northwind", "8", "10", "−2", "Over-licensed", "—"],
                ["Tailspin", "—", "4", "—", "No data", "—"],
            ]);
        page.Find("[data-testid=reconciliation-client-link]").GetAttribute("href").ShouldBe($"reconciliation/{ContosoId}");
        page.Find("[data-testid=reconciliation-card-under-licensed-count]").TextContent.ShouldBe("1");
        page.Find("[data-testid=reconciliation-card-matched] h2").TextContent.ShouldBe("Properly licensed");
        page.Find("[data-testid=reconciliation-card-no-data-count]").TextContent.ShouldBe("1");
        LastListRequest.Query["sort"].ShouldBe("variance");
        LastListRequest.Query["direction"].ShouldBe("desc");
        LastListRequest.Query.ShouldNotContainKey("status");
    }

    [Fact]
    public void The_count_columns_say_what_they_count_on_hover()
    {
        ServeList(Client(ContosoId, "Contoso", devices: 15, licenses: 12, "under-licensed"));

        var page = RenderLoaded();

        page.FindAll("[data-testid=reconciliation-table] thead th").Select(header => header.GetAttribute("title")).ShouldBe([
            null,
            "Actual count: devices in the latest snapshot from your RMM",
            "Seats of the least-covered per-device product (Pax8): each product is compared with the devices it covers",
            "The largest per-product variance, covered devices − seats (positive = under-licensed)",
            null,
            null,
        ]);
    }

    [Fact]
    public void A_summary_card_filters_the_list_to_its_status_and_pressed_again_shows_every_status()
    {
        ServeList(Client(ContosoId, "Contoso", 15, 12, "under-licensed"));
        var page = RenderLoaded();

        page.Find("[data-testid=reconciliation-card-under-licensed]").Click();

        Navigation.Uri.ShouldBe("http://localhost/reconciliation?status=under-licensed");
        page.WaitForAssertion(() => LastListRequest.Query.GetValueOrDefault("status").ShouldBe("under-licensed"));
        page.Find("[data-testid=reconciliation-card-under-licensed]").GetAttribute("aria-pressed").ShouldBe("true");
        page.Find("[data-testid=reconciliation-status-filter]").GetAttribute("value").ShouldBe("under-licensed");

        page.Find("[data-testid=reconciliation-card-under-licensed]").Click();

        Navigation.Uri.ShouldBe("http://localhost/reconciliation");
        page.WaitForAssertion(() => LastListRequest.Query.ShouldNotContainKey("status"));
        // The counts follow the search only: choosing a status does not ask for them again.
        Gateway.RequestsTo(HttpMethod.Get, SummaryPath).Count.ShouldBe(1);
    }

    [Fact]
    public void Sorting_by_a_column_goes_to_the_address_and_the_request_and_reverses_when_pressed_again()
    {
        ServeList(Client(ContosoId, "Contoso", 15, 12, "under-licensed"));
        var page = RenderLoaded();

        page.Find("[data-testid=sort-client]").Click();

        Navigation.Uri.ShouldBe("http://localhost/reconciliation?sort=client");
        page.WaitForAssertion(() => LastListRequest.Query["sort"].ShouldBe("client"));
        LastListRequest.Query["direction"].ShouldBe("asc");

        page.Find("[data-testid=sort-client]").Click();

        Navigation.Uri.ShouldBe("http://localhost/reconciliation?sort=client&direction=desc");
        page.WaitForAssertion(() => LastListRequest.Query["direction"].ShouldBe("desc"));
        page.Find("[data-testid=sort-client]").TextContent.ShouldContain("▼");
    }

    [Fact]
    public void The_export_link_carries_the_search_status_and_order_of_the_list()
    {
        Navigation.NavigateTo("reconciliation?search=con&status=over-licensed&sort=devices&direction=asc&page=2");
        ServeList(Client(NorthwindId, "Contoso North", 8, 10, "over-licensed"));

        var page = RenderLoaded();

        page.Find("[data-testid=reconciliation-export]").GetAttribute("href")
            .ShouldBe("reconciliation/export.csv?search=con&status=over-licensed&sort=devices&direction=asc");
        LastListRequest.Query["page"].ShouldBe("2");
        Gateway.RequestsTo(HttpMethod.Get, SummaryPath).ShouldHaveSingleItem().Query["search"].ShouldBe("con");
    }

    [Fact]
    public void Searching_reloads_the_counts_for_the_search()
    {
        ServeList(Client(ContosoId, "Contoso", 15, 12, "under-licensed"));
        var page = RenderLoaded();

        page.Find("[data-testid=reconciliation-search]").Change("north");

        Navigation.Uri.ShouldBe("http://localhost/reconciliation?search=north");
        page.WaitForAssertion(() => Gateway.RequestsTo(HttpMethod.Get, SummaryPath).Count.ShouldBe(2));
        Gateway.RequestsTo(HttpMethod.Get, SummaryPath)[^1].Query["search"].ShouldBe("north");
        LastListRequest.Query["search"].ShouldBe("north");
    }

    [Fact]
    public void Before_the_first_snapshot_the_empty_list_calls_for_Snapshot_Now_which_is_followed_until_it_ends_then_reloads()
    {
        Gateway.On(HttpMethod.Get, SummaryPath, _ => Summary(noData: 0));
        ServeList();
        Gateway.On(HttpMethod.Post, $"{RmmPath}/sync", _ => Json(
            SyncRun(RunId, integration: "rmm", status: "running", stage: "Devices", itemsDone: 40, itemsTotal: 120),
            HttpStatusCode.Accepted));
        Gateway.On(HttpMethod.Get, SyncRunPath(RmmIntegrations, RunId), _ => Json(SyncRun(RunId, integration: "rmm", added: 120)));
        var page = RenderLoaded();
        page.WaitForAssertion(() => page.Find("[data-testid=reconciliation-empty] p").TextContent.ShouldBe("No device snapshot yet"));

        page.Find("[data-testid=reconciliation-snapshot-cta]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=reconciliation-snapshot] [data-testid=sync-run-items]").TextContent
            .ShouldBe("40 of 120"));
        page.Find("[data-testid=reconciliation-snapshot] [data-testid=sync-run-status]").TextContent.ShouldBe("Running");
        page.Find("[data-testid=reconciliation-snapshot-start]").HasAttribute("disabled").ShouldBeTrue();
        Gateway.On(HttpMethod.Get, SummaryPath, _ => Summary(underLicensed: 1, latestSnapshotAt: TakenAt));
        ServeList(Client(ContosoId, "Contoso", 15, 12, "under-licensed"));

        Time.AdvanceAfterTimer(1, SyncRunner.PollInterval);

        page.WaitForAssertion(() => page.FindAll("[data-testid=reconciliation-row]").Count.ShouldBe(1));
        page.Find("[data-testid=reconciliation-snapshot] [data-testid=sync-run-status]").TextContent.ShouldBe("Completed");
        page.Find("[data-testid=reconciliation-card-under-licensed-count]").TextContent.ShouldBe("1");
        page.Find("[data-testid=reconciliation-latest-snapshot]").TextContent.ShouldContain("2025-03-01");
        Gateway.RequestsTo(HttpMethod.Post, $"{RmmPath}/sync").ShouldHaveSingleItem();
    }

    [Fact]
    public void A_read_only_user_is_told_who_can_take_the_first_snapshot()
    {
        SignInAs(TestUser.ReadOnly);
        Gateway.On(HttpMethod.Get, SummaryPath, _ => Summary());
        ServeList();

        var page = RenderLoaded();

        page.WaitForAssertion(() => page.Find("[data-testid=reconciliation-no-snapshot]"));
        page.FindAll("[data-testid=reconciliation-snapshot-cta]").ShouldBeEmpty();
        page.FindAll("[data-testid=reconciliation-snapshot-start]").ShouldBeEmpty();
    }

    [Fact]
    public void Says_nothing_matches_a_filter_and_offers_to_show_every_client()
    {
        Navigation.NavigateTo("reconciliation?status=matched");

        ServeList();

        var page = RenderLoaded();

        CellText(page.Find("[data-testid=reconciliation-empty]")).ShouldBe("No clients match Nothing matches this search or status. Show every client");

        page.Find("[data-testid=reconciliation-clear-filters]").Click();
        Navigation.Uri.ShouldBe("http://localhost/reconciliation");
    }

    [Fact]
    public void Links_to_the_sync_tools()
    {
        ServeList();

        var page = RenderLoaded();

        page.Find("[data-testid=reconciliation-sync-tools]").GetAttribute("href").ShouldBe("reconciliation/sync-tools");
    }
}

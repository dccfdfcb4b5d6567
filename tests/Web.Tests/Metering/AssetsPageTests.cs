using System.Net;
using BillingOne.Web.Components.Pages.Metering;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;
using static BillingOne.Web.Tests.TestDoubles.MeteringResponses;

namespace BillingOne.Web.Tests.Metering;

[Trait("Category", "Unit")]
public sealed class AssetsPageTests : ListPageContext<Assets>
{
    private static readonly Guid AssetId = Guid.Parse("8b000000-0000-4000-8000-000000000001");
    private static readonly string AssetPath = $"{AssetsPath}/{AssetId}";

    public AssetsPageTests()
        : base(AssetsPath, "assets") => Gateway.ListClientChoices();

    private static object Contoso01(bool acknowledged = true, bool enabled = true) =>
        Asset("VM-CONTOSO-01", id: AssetId, name: "Contoso file server", description: "Veeam job: nightly",
            clientId: ContosoId, clientName: "Contoso", acknowledged: acknowledged, enabled: enabled);

    [Fact]
    public void Lists_each_asset_with_the_seed_columns()
    {
        ServeList(Contoso01(), Asset("mbx-42", source: "m365", acknowledged: false, enabled: false));

        var page = RenderLoaded();

        page.Find("h1").TextContent.ShouldBe("Assets");
        page.FindAll("[data-testid=not-available]").ShouldBeEmpty();
        ColumnHeaders(page).ShouldBe(["ID", "Client", "Name", "Description", "Ack", "Enabled", "Created", "Last Seen", "Actions"]);
        var rows = page.FindAll("[data-testid=asset-row]");
        rows.Count.ShouldBe(2);
        rows[0].GetAttribute("data-asset-id").ShouldBe(AssetId.ToString());
        rows[0].QuerySelectorAll("td").Take(8).Select(CellText).ShouldBe(["VM-CONTOSO-01 veeam", "Contoso", "Contoso file server", "Veeam job: nightly", "Yes", "Enabled",
                "2025-03-01 08:15 UTC", "2025-03-14 09:05 UTC"]);
        rows[1].QuerySelector("[data-testid=asset-client]")!.TextContent.Trim().ShouldBe("—");
        rows[1].QuerySelector("[data-testid=asset-name]")!.TextContent.Trim().ShouldBe("—");
        rows[1].QuerySelector("[data-testid=asset-ack]")!.TextContent.Trim().ShouldBe("Ack");
        rows[1].QuerySelector("[data-testid=asset-enabled]")!.TextContent.Trim().ShouldBe("Disabled");

        var query = LastListRequest.Query;
        query["view"].ShouldBe("all");
        query["sort"].ShouldBe("lastSeen");
        query["direction"].ShouldBe("desc");
        query["page"].ShouldBe("1");
        query["pageSize"].ShouldBe("25");
        query.Keys.ShouldBe(["view", "sort", "direction", "page", "pageSize"], ignoreOrder: true);
        LastListRequest.Authorization.ShouldBe("Bearer " + SessionToken);
        page.Find("th[aria-sort=descending]").TextContent.ShouldContain("Last Seen");
    }

    [Fact]
    public void Says_no_assets_when_there_are_none()
    {
        var page = RenderEmptySaying("No assets");

        page.FindAll("[data-testid=asset-row]").ShouldBeEmpty();
        page.FindAll("[data-testid=assets-page-info]").ShouldBeEmpty();
    }

    [Fact]
    public void Shows_the_problem_when_the_list_cannot_be_loaded()
    {
        Gateway.On(HttpMethod.Get, AssetsPath, _ => Problem(HttpStatusCode.ServiceUnavailable, "Metering service unavailable"));

        var page = Render<Assets>();

        page.WaitForElement("[data-testid=assets-error]").TextContent
            .ShouldContain("Could not load assets: Metering service unavailable");
    }

    [Fact]
    public void Search_and_filters_ask_for_matching_assets_from_the_first_page()
    {
        Gateway.On(HttpMethod.Get, AssetsPath, request => Paged(request, [Contoso01()], totalCount: 60));
        var page = RenderLoaded();
        page.Find("[data-testid=assets-next]").Click();
        page.WaitForAssertion(() => LastListRequest.Query["page"].ShouldBe("2"));

        page.Find("[data-testid=asset-search]").Change("  contoso ");
        page.WaitForAssertion(() => LastListRequest.Query["search"].ShouldBe("contoso"));
        LastListRequest.Query["page"].ShouldBe("1");

        PickClient(page, "asset-client-filter", "Northwind");
        page.WaitForAssertion(() => LastListRequest.Query["clientId"].ShouldBe(NorthwindId.ToString()));

        page.Find("[data-testid=asset-source-filter]").Change("m365");
        page.WaitForAssertion(() => LastListRequest.Query["source"].ShouldBe("m365"));

        page.Find("[data-testid=asset-enabled-filter]").Change("false");
        page.WaitForAssertion(() => LastListRequest.Query["enabled"].ShouldBe("false"));
        LastListRequest.Query["search"].ShouldBe("contoso", "filters add up");
        LastListRequest.Query["view"].ShouldBe("all");

        page.Find("[data-testid=asset-client-filter-input]").KeyDown(new KeyboardEventArgs { Key = "ArrowDown" });
        page.WaitForElement("[data-testid=asset-client-filter-option]").TextContent.Trim().ShouldBe("All clients");
        page.Find("[data-testid=asset-client-filter-option]").Click();
        page.WaitForAssertion(() => LastListRequest.Query.ShouldNotContainKey("clientId"));
        page.Find("[data-testid=asset-client-filter-input]").GetAttribute("value").ShouldBeEmpty();
    }

    [Fact]
    public void A_search_in_the_address_asks_for_the_matching_assets_and_fills_the_search_box()
    {
        ServeList(Contoso01());
        Navigation.NavigateTo("metering/assets?search=VM-CONTOSO-01");

        var page = RenderLoaded();

        LastListRequest.Query["search"].ShouldBe("VM-CONTOSO-01");
        page.Find("[data-testid=asset-search]").GetAttribute("value").ShouldBe("VM-CONTOSO-01");
    }

    [Fact]
    public void A_reload_restores_the_search_sort_and_page_from_the_address()
    {
        Gateway.On(HttpMethod.Get, AssetsPath, request => Paged(request, [Contoso01()], totalCount: 80));
        Navigation.NavigateTo("metering/assets?search=vm&sort=externalId&direction=desc&page=3&view=new");

        var page = RenderLoaded();

        var query = LastListRequest.Query;
        (query["search"], query["sort"], query["direction"], query["page"]).ShouldBe(("vm", "externalId", "desc", "3"));
        (query.TryGetValue("view", out var view) ? view : "all").ShouldBe("all", "the page's view is its own, whatever the address says");
        page.Find("[data-testid=asset-search]").GetAttribute("value").ShouldBe("vm");
    }

    [Fact]
    public void Sorting_by_a_column_and_again_reverses_it()
    {
        ServeList(Contoso01());
        var page = RenderLoaded();

        page.Find("[data-testid=sort-externalId]").Click();
        page.WaitForAssertion(() => LastListRequest.Query["sort"].ShouldBe("externalId"));
        LastListRequest.Query["direction"].ShouldBe("asc");

        page.Find("[data-testid=sort-externalId]").Click();
        page.WaitForAssertion(() => LastListRequest.Query["direction"].ShouldBe("desc"));

        page.Find("[data-testid=sort-created]").Click();
        page.WaitForAssertion(() => LastListRequest.Query["sort"].ShouldBe("created"));
        LastListRequest.Query["direction"].ShouldBe("desc");
        page.Find("th[aria-sort=descending]").TextContent.ShouldContain("Created");
    }

    [Fact]
    public void Pages_through_the_assets()
    {
        Gateway.On(HttpMethod.Get, AssetsPath, request => Paged(request, [Asset($"PAGE-{request.Query["page"]}")], totalCount: 30));
        var page = RenderLoaded();
        page.Find("[data-testid=assets-page-info]").TextContent.Trim().ShouldBe("Page 1 of 2 · 30 assets");
        page.Find("[data-testid=assets-prev]").HasAttribute("disabled").ShouldBeTrue();

        page.Find("[data-testid=assets-next]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=asset-id] code").TextContent.ShouldBe("PAGE-2"));
        page.Find("[data-testid=assets-next]").HasAttribute("disabled").ShouldBeTrue();
    }

    [Theory]
    [InlineData("asset-acknowledge", false, true, "acknowledge", "is acknowledged")]
    [InlineData("asset-disable", true, true, "disable", "is disabled")]
    [InlineData("asset-enable", true, false, "enable", "is enabled")]
    [InlineData("asset-unassign", true, true, "unassign", "no longer belongs to Contoso")]
    public void A_row_action_posts_to_the_asset_and_shows_the_list_again(
        string button, bool acknowledged, bool enabled, string action, string status)
    {
        ServeList(Contoso01(acknowledged, enabled));
        Gateway.On(HttpMethod.Post, $"{AssetPath}/{action}", _ => Json(Contoso01()));
        var page = RenderLoaded();
        var loads = Gateway.RequestsTo(HttpMethod.Get, AssetsPath).Count;

        page.Find($"[data-testid={button}]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=assets-status]").TextContent.ShouldContain(status));
        var post = Gateway.RequestsTo(HttpMethod.Post, $"{AssetPath}/{action}").ShouldHaveSingleItem();
        post.Body.ShouldBeNull();
        post.Authorization.ShouldBe("Bearer " + SessionToken);
        Gateway.RequestsTo(HttpMethod.Get, AssetsPath).Count.ShouldBe(loads + 1, "the list is loaded again");
    }

    [Fact]
    public void Disregarding_asks_first()
    {
        ServeList(Contoso01());
        Gateway.On(HttpMethod.Post, $"{AssetPath}/disregard", _ => Json(Contoso01()));
        var page = RenderLoaded();

        page.Find("[data-testid=asset-disregard]").Click();
        page.Find("[data-testid=asset-disregard-confirm]").TextContent.ShouldContain("Disregard “Contoso file server”?");
        Gateway.RequestsTo(HttpMethod.Post, $"{AssetPath}/disregard").ShouldBeEmpty();
        ServeList();
        page.Find("[data-testid=asset-disregard-confirm-yes]").Click();

        page.WaitForElement("[data-testid=assets-empty]");
        Gateway.RequestsTo(HttpMethod.Post, $"{AssetPath}/disregard").ShouldHaveSingleItem();
        var next = page.Find("[data-testid=assets-empty-next]");
        next.TextContent.ShouldContain("Clear the search and filters");
        next.QuerySelectorAll("a").Select(link => link.GetAttribute("href")).ShouldBe(["settings/integrations", "api-keys"]);
        page.Find("[data-testid=assets-status]").TextContent.ShouldContain("is disregarded");
    }

    [Fact]
    public void Assigning_posts_the_chosen_client()
    {
        ServeList(Asset("VM-NEW-01", id: AssetId));
        Gateway.On(HttpMethod.Post, $"{AssetPath}/assign", _ => Json(Asset("VM-NEW-01", id: AssetId, clientId: NorthwindId, clientName: "Northwind")));
        var page = RenderLoaded();

        page.Find("[data-testid=asset-assign]").Click();
        page.Find("[data-testid=asset-assign-save]").HasAttribute("disabled").ShouldBeTrue("no client is chosen yet");
        PickClient(page, "asset-assign-client", "Northwind");
        page.Find("[data-testid=asset-assign-save]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=assets-status]").TextContent.ShouldContain("belongs to Northwind now"));
        Gateway.RequestsTo(HttpMethod.Post, $"{AssetPath}/assign").ShouldHaveSingleItem()
            .Body.ShouldBe($$"""{"clientId":"{{NorthwindId}}"}""");
        page.FindAll("[data-testid=asset-assign-client]").ShouldBeEmpty();
        var clients = Gateway.RequestsTo(HttpMethod.Get, SubscriptionClientsPath).ShouldHaveSingleItem().Query;
        clients["search"].ShouldBe("Northwind");
        clients["sort"].ShouldBe("name");
    }

    [Fact]
    public void Renaming_patches_the_name()
    {
        ServeList(Contoso01());
        Gateway.On(HttpMethod.Patch, AssetPath, _ => Json(Asset("VM-CONTOSO-01", id: AssetId, name: "File server")));
        var page = RenderLoaded();

        page.Find("[data-testid=asset-rename]").Click();
        page.Find("[data-testid=asset-rename-name]").GetAttribute("value").ShouldBe("Contoso file server");
        page.Find("[data-testid=asset-rename-name]").Change(" File server ");
        page.Find("[data-testid=asset-rename-form]").Submit();

        page.WaitForAssertion(() => page.Find("[data-testid=assets-status]").TextContent
            .ShouldContain("“VM-CONTOSO-01” is now called “File server”"));
        Gateway.RequestsTo(HttpMethod.Patch, AssetPath).ShouldHaveSingleItem().Body.ShouldBe("""{"name":"File server"}""");
        page.FindAll("[data-testid=asset-rename-form]").ShouldBeEmpty();
    }

    [Fact]
    public void A_refused_rename_shows_the_message_by_the_name()
    {
        ServeList(Contoso01());
        Gateway.On(HttpMethod.Patch, AssetPath, _ => ValidationProblem("The change is not valid.",
            new Dictionary<string, string[]> { ["name"] = ["name must be at most 200 characters."] }));
        var page = RenderLoaded();

        page.Find("[data-testid=asset-rename]").Click();
        page.Find("[data-testid=asset-rename-name]").Change(new string('x', 201));
        page.Find("[data-testid=asset-rename-form]").Submit();

        page.WaitForElement("[data-testid=asset-rename-name-errors]").TextContent.Trim()
            .ShouldBe("name must be at most 200 characters.");
        page.Find("[data-testid=asset-rename-name]").GetAttribute("aria-invalid").ShouldBe("true");
        page.Find("[data-testid=asset-rename-error]").QuerySelectorAll("li").ShouldBeEmpty();
        page.FindAll("[data-testid=assets-change-error]").ShouldBeEmpty("the message is by the field");
    }

    [Fact]
    public void A_row_opens_to_its_usage_with_a_sparkline_per_unit_type()
    {
        ServeList(Contoso01());
        var usage = new TaskCompletionSource<HttpResponseMessage>();
        Gateway.OnAsync(HttpMethod.Get, $"{AssetPath}/usage", _ => usage.Task);
        var page = RenderLoaded();

        page.Find("[data-testid=asset-usage-toggle]").Click();

        page.WaitForElement("[data-testid=asset-usage-loading]").TextContent.ShouldBe("Loading usage…");
        page.Find("[data-testid=asset-usage-panel] h3").TextContent.ShouldBe("Usage (last 30 days)");
        page.Find("[data-testid=asset-usage-meta]").TextContent.Trim().ShouldBe("veeam · VM-CONTOSO-01 · client Contoso");
        usage.SetResult(Json(new
        {
            assetId = AssetId,
            from = "2025-02-13",
            to = "2025-03-14",
            series = new object[]
            {
                new
                {
                    unitTypeKey = "backup-gb", aggregation = "max", precision = 1, total = 120m,
                    points = new[] { new { day = "2025-03-12", value = 0m }, new { day = "2025-03-13", value = 60m }, new { day = "2025-03-14", value = 120m } },
                },
                new { unitTypeKey = "vm-count", aggregation = "last", precision = 0, total = 2m, points = new[] { new { day = "2025-03-14", value = 2m } } },
            },
        }));

        var series = page.WaitForElements("[data-testid=usage-series]");
        series.Count.ShouldBe(2);
        series[0].GetAttribute("data-unit-type").ShouldBe("backup-gb");
        series[0].QuerySelector("[data-testid=usage-total]")!.TextContent.ShouldBe("120.0");
        series[0].QuerySelector("polyline")!.GetAttribute("points").ShouldBe("0,25 60,14 120,3");
        series[0].QuerySelector("[data-testid=sparkline-range]")!.TextContent.ShouldBe("0–120");
        series[0].QuerySelector("svg")!.GetAttribute("aria-label").ShouldBe("backup-gb per day: peak 120.0, max 120.0");
        series[1].QuerySelector("polyline")!.GetAttribute("points").ShouldBe("0,3 120,3");
        Gateway.RequestsTo(HttpMethod.Get, $"{AssetPath}/usage").ShouldHaveSingleItem().Query["days"].ShouldBe("30");

        page.Find("[data-testid=asset-usage-toggle]").Click();
        page.WaitForAssertion(() => page.FindAll("[data-testid=asset-usage-panel]").ShouldBeEmpty());
    }

    [Fact]
    public void A_row_without_readings_says_so()
    {
        ServeList(Contoso01());
        Gateway.On(HttpMethod.Get, $"{AssetPath}/usage", _ => Json(new { assetId = AssetId, from = "2025-02-13", to = "2025-03-14", series = Array.Empty<object>() }));
        var page = RenderLoaded();

        page.Find("[data-testid=asset-usage-toggle]").Click();

        page.WaitForElement("[data-testid=asset-usage-empty]").TextContent.ShouldBe("No readings in the last 30 days.");
        page.FindAll("[data-testid=sparkline]").ShouldBeEmpty();
    }

    [Fact]
    public void The_unassigned_view_asks_for_unassigned_assets_and_offers_no_client_filter()
    {
        ServeList(Asset("VM-NEW-01"));

        var page = RenderLoaded<UnassignedAssets>();

        page.Find("h1").TextContent.ShouldBe("Unassigned Assets");
        LastListRequest.Query["view"].ShouldBe("unassigned");
        page.FindAll("[data-testid=asset-client-filter]").ShouldBeEmpty();
        page.FindAll("[data-testid=asset-acknowledge-page]").ShouldBeEmpty();
        page.FindAll("[data-testid=asset-views] a").Select(link => link.GetAttribute("href"))
            .ShouldBe(["metering/assets", "metering/assets/unassigned", "metering/assets/new"]);
    }

    [Fact]
    public void The_new_view_acknowledges_every_asset_on_the_page_at_once()
    {
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        ServeList(Asset("VM-NEW-01", id: first, acknowledged: false), Asset("VM-NEW-02", id: second, acknowledged: false));
        Gateway.On(HttpMethod.Post, $"{AssetsPath}/acknowledge", _ => Json(new { acknowledged = 2 }));
        var page = RenderLoaded<NewAssets>();
        page.Find("h1").TextContent.ShouldBe("New Assets");
        LastListRequest.Query["view"].ShouldBe("new");

        ServeList();
        page.Find("[data-testid=asset-acknowledge-page]").Click();

        page.WaitForElement("[data-testid=assets-empty]");
        Gateway.RequestsTo(HttpMethod.Post, $"{AssetsPath}/acknowledge").ShouldHaveSingleItem()
            .Body.ShouldBe($$"""{"assetIds":["{{first}}","{{second}}"]}""");
        page.Find("[data-testid=assets-status]").TextContent.ShouldBe("Acknowledged 2 assets.");
        page.FindAll("[data-testid=asset-acknowledge-page]").ShouldBeEmpty("nothing is left to acknowledge");
    }

    [Fact]
    public void A_read_only_user_sees_the_assets_and_their_usage_but_no_changes()
    {
        SignInAs(TestUser.ReadOnly);
        ServeList(Contoso01(acknowledged: false));
        Gateway.On(HttpMethod.Get, $"{AssetPath}/usage", _ => Json(new { assetId = AssetId, series = Array.Empty<object>() }));

        var page = RenderLoaded<NewAssets>();

        var row = page.Find("[data-testid=asset-row]");
        row.QuerySelectorAll("button").Select(button => button.GetAttribute("data-testid")).ShouldBe(["asset-usage-toggle"]);
        row.QuerySelector("[data-testid=asset-ack]")!.TextContent.Trim().ShouldBe("—");
        page.FindAll("[data-testid=asset-acknowledge-page]").ShouldBeEmpty();
        page.FindAll("form").ShouldBeEmpty();
    }

    [Fact]
    public void A_finance_user_may_change_assets()
    {
        SignInAs(TestUser.Finance);
        ServeList(Contoso01());

        var page = RenderLoaded();

        page.FindAll("[data-testid=asset-rename]").ShouldHaveSingleItem();
        page.FindAll("[data-testid=asset-disregard]").ShouldHaveSingleItem();
    }

    [Fact]
    public void A_client_search_that_fails_says_so_in_the_picker_and_the_assets_stay_listed()
    {
        Gateway.On(HttpMethod.Get, SubscriptionClientsPath, _ => Problem(HttpStatusCode.ServiceUnavailable, "Subscription service unavailable"));
        ServeList(Contoso01());
        var page = RenderLoaded();

        page.Find("[data-testid=asset-client-filter-input]").KeyDown(new KeyboardEventArgs { Key = "ArrowDown" });

        page.WaitForElement("[data-testid=asset-client-filter-error]").TextContent
            .ShouldContain("Could not find clients: Subscription service unavailable");
        page.FindAll("[data-testid=asset-row]").ShouldHaveSingleItem();
    }
}

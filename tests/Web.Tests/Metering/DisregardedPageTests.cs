using System.Net;
using BillingOne.Web.Components.Pages.Metering;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;
using static BillingOne.Web.Tests.TestDoubles.MeteringResponses;

namespace BillingOne.Web.Tests.Metering;

[Trait("Category", "Unit")]
public sealed class DisregardedPageTests() : ListPageContext<Disregarded>(AssetsPath, "disregarded")
{
    private static readonly Guid AssetId = Guid.Parse("8b000000-0000-4000-8000-000000000003");

    [Fact]
    public void Lists_each_disregarded_asset_with_the_seed_intro_and_columns()
    {
        ServeList(Asset("LAB-VM-07", id: AssetId, clientId: ContosoId, clientName: "Contoso", disregarded: true));

        var page = RenderLoaded();

        page.Find("h1").TextContent.ShouldBe("Disregarded Assets");
        page.Markup.ShouldContain("Disregarded assets are hidden from default views and excluded from billing. Historical data is preserved.");
        ColumnHeaders(page).ShouldBe(["Asset ID", "Client", "Last Seen", "Actions"]);
        var row = page.Find("[data-testid=disregarded-row]");
        row.QuerySelector("[data-testid=disregarded-asset-id] code")!.TextContent.ShouldBe("LAB-VM-07");
        row.QuerySelector("[data-testid=disregarded-client]")!.TextContent.ShouldBe("Contoso");
        row.QuerySelector("[data-testid=disregarded-last-seen]")!.TextContent.ShouldBe("2025-03-14 09:05 UTC");
        row.QuerySelector("[data-testid=disregarded-restore]")!.TextContent.Trim().ShouldBe("Restore");
        Gateway.RequestsTo(HttpMethod.Get, AssetsPath).ShouldHaveSingleItem().Query["view"].ShouldBe("disregarded");
    }

    [Fact]
    public void Says_no_disregarded_assets_when_there_are_none() => RenderEmptySaying("No disregarded assets");

    [Fact]
    public void Restoring_posts_and_shows_the_list_again()
    {
        ServeList(Asset("LAB-VM-07", id: AssetId, disregarded: true));
        Gateway.On(HttpMethod.Post, $"{AssetsPath}/{AssetId}/restore", _ => Json(Asset("LAB-VM-07", id: AssetId)));
        var page = RenderLoaded();

        ServeList();
        page.Find("[data-testid=disregarded-restore]").Click();

        page.WaitForElement("[data-testid=disregarded-empty]");
        Gateway.RequestsTo(HttpMethod.Post, $"{AssetsPath}/{AssetId}/restore").ShouldHaveSingleItem();
        page.Find("[data-testid=disregarded-status]").TextContent.ShouldContain("“LAB-VM-07” is restored");
    }

    [Fact]
    public void A_refused_restore_shows_the_problem()
    {
        ServeList(Asset("LAB-VM-07", id: AssetId, disregarded: true));
        Gateway.On(HttpMethod.Post, $"{AssetsPath}/{AssetId}/restore", _ => Problem(HttpStatusCode.NotFound, "Asset not found."));
        var page = RenderLoaded();

        page.Find("[data-testid=disregarded-restore]").Click();

        page.WaitForElement("[data-testid=disregarded-change-error]").TextContent.ShouldContain("Asset not found.");
        page.FindAll("[data-testid=disregarded-status]").ShouldBeEmpty();
    }

    [Fact]
    public void A_read_only_user_cannot_restore()
    {
        SignInAs(TestUser.ReadOnly);
        ServeList(Asset("LAB-VM-07", id: AssetId, disregarded: true));

        var page = RenderLoaded();

        page.FindAll("[data-testid=disregarded-restore]").ShouldBeEmpty();
    }
}

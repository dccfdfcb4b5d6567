using BillingOne.Web.Components.Pages.Metering;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;
using static BillingOne.Web.Tests.TestDoubles.MeteringResponses;

namespace BillingOne.Web.Tests.Metering;

[Trait("Category", "Unit")]
public sealed class UnboundPageTests() : ListPageContext<Unbound>(AssetsPath, "unbound")
{
    private static readonly Guid AssetId = Guid.Parse("8b000000-0000-4000-8000-000000000002");
    private static readonly Guid BackupBucketId = Guid.Parse("9c000000-0000-4000-8000-000000000001");

    private static object UnboundBackup(Guid? clientId = null, string? clientName = null) =>
        Asset("VM-CONTOSO-02", id: AssetId, description: "Veeam job: weekly", clientId: clientId, clientName: clientName,
            unitTypeKeys: ["backup-gb", "vm-count"], unboundUnitTypeKeys: ["backup-gb"]);

    [Fact]
    public void Lists_each_unbound_asset_with_the_seed_columns()
    {
        ServeList(UnboundBackup(ContosoId, "Contoso"));

        var page = RenderLoaded();

        page.Find("h1").TextContent.ShouldBe("Unbound Assets");
        ColumnHeaders(page).ShouldBe(["Asset ID", "Source", "Description", "Client", "Last Seen", "Actions"]);
        var row = page.Find("[data-testid=unbound-row]");
        row.QuerySelector("[data-testid=unbound-asset-id] code")!.TextContent.ShouldBe("VM-CONTOSO-02");
        row.QuerySelector("[data-testid=unbound-unit-types]")!.TextContent.ShouldBe("reports backup-gb");
        row.QuerySelector("[data-testid=unbound-source]")!.TextContent.ShouldBe("veeam");
        row.QuerySelector("[data-testid=unbound-description]")!.TextContent.ShouldBe("Veeam job: weekly");
        row.QuerySelector("[data-testid=unbound-client]")!.TextContent.ShouldBe("Contoso");
        row.QuerySelector("[data-testid=unbound-last-seen]")!.TextContent.ShouldBe("2025-03-14 09:05 UTC");
        var query = Gateway.RequestsTo(HttpMethod.Get, AssetsPath).ShouldHaveSingleItem().Query;
        query["view"].ShouldBe("unbound");
        query["page"].ShouldBe("1");
    }

    [Fact]
    public void Says_no_unbound_assets_when_there_are_none() => RenderEmptySaying("No unbound assets");

    [Fact]
    public void Searching_asks_for_matching_unbound_assets()
    {
        ServeList(UnboundBackup());
        var page = RenderLoaded();

        page.Find("[data-testid=unbound-search]").Change("weekly");

        page.WaitForAssertion(() => Gateway.RequestsTo(HttpMethod.Get, AssetsPath)[^1].Query["search"].ShouldBe("weekly"));
        Gateway.RequestsTo(HttpMethod.Get, AssetsPath)[^1].Query["view"].ShouldBe("unbound");
    }

    [Fact]
    public void Binding_offers_the_clients_buckets_of_the_unbound_unit_type_and_binds_to_the_chosen_one()
    {
        ServeList(UnboundBackup(ContosoId, "Contoso"));
        Gateway.On(HttpMethod.Get, BucketsPath, request => Paged(request,
        [
            Bucket("Contoso backup", id: BackupBucketId),
            Bucket("Contoso mailboxes", unitTypeKey: "mailbox", unitTypeName: "Mailboxes"),
        ]));
        Gateway.On(HttpMethod.Post, $"{BucketsPath}/{BackupBucketId}/assets", _ => Json(new { bound = 1 }));
        var page = RenderLoaded();

        page.Find("[data-testid=unbound-bind]").Click();

        page.WaitForAssertion(() => page.FindAll("[data-testid=unbound-bucket] option").Select(option => option.TextContent)
            .ShouldBe(["Contoso backup · backup-gb"]));
        var buckets = Gateway.RequestsTo(HttpMethod.Get, BucketsPath).ShouldHaveSingleItem().Query;
        buckets["clientId"].ShouldBe(ContosoId.ToString());
        buckets["pageSize"].ShouldBe("200");
        ServeList();
        page.Find("[data-testid=unbound-bind-save]").Click();

        page.WaitForElement("[data-testid=unbound-empty]");
        Gateway.RequestsTo(HttpMethod.Post, $"{BucketsPath}/{BackupBucketId}/assets").ShouldHaveSingleItem()
            .Body.ShouldBe($$"""{"assetIds":["{{AssetId}}"]}""");
        page.Find("[data-testid=unbound-status]").TextContent.ShouldContain("feeds the bucket “Contoso backup” now");
    }

    [Fact]
    public void Binding_says_when_the_client_has_no_bucket_for_the_unit_type()
    {
        ServeList(UnboundBackup(ContosoId, "Contoso"));
        Gateway.On(HttpMethod.Get, BucketsPath, request => Paged(request, [Bucket("Contoso mailboxes", unitTypeKey: "mailbox")]));
        var page = RenderLoaded();

        page.Find("[data-testid=unbound-bind]").Click();

        page.WaitForElement("[data-testid=unbound-no-bucket]").TextContent.ShouldContain("Contoso has no bucket for backup-gb");
        page.Find("[data-testid=unbound-no-bucket] a").GetAttribute("href").ShouldBe("metering/buckets");
        page.FindAll("[data-testid=unbound-bind-save]").ShouldBeEmpty();
    }

    [Fact]
    public void An_asset_without_a_client_must_be_assigned_first()
    {
        ServeList(UnboundBackup());

        var page = RenderLoaded();

        page.Find("[data-testid=unbound-needs-client] a").GetAttribute("href").ShouldBe("metering/assets/unassigned");
        page.FindAll("[data-testid=unbound-bind]").ShouldBeEmpty();
    }

    [Fact]
    public void A_read_only_user_cannot_bind()
    {
        SignInAs(TestUser.ReadOnly);
        ServeList(UnboundBackup(ContosoId, "Contoso"));

        var page = RenderLoaded();

        page.Find("[data-testid=unbound-row]").QuerySelectorAll("button").ShouldBeEmpty();
    }
}

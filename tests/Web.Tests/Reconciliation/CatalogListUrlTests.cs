using BillingOne.Web.Components.SyncTools;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using static BillingOne.Web.Tests.Reconciliation.ReconciliationResponses;
using static BillingOne.Web.Tests.TestDoubles.MeteringResponses;

namespace BillingOne.Web.Tests.Reconciliation;

/// <summary>The catalog mapping keeps its search, licence filter and page in the Sync tools page's address (issue #33).</summary>
[Trait("Category", "Unit")]
public sealed class CatalogListUrlTests : WebUiContext
{
    private const string SyncToolsAddress = "http://localhost/reconciliation/sync-tools";

    public CatalogListUrlTests() =>
        Gateway.On(HttpMethod.Get, CatalogPath, request => Paged(request, [Product($"Page {request.Query["page"]}")], totalCount: 60));

    private static object Product(string name) => new
    {
        productId = Guid.NewGuid(),
        name,
        vendorName = "Microsoft",
        sku = (string?)null,
        licenceUnit = "device",
        unitPrice = 4.5m,
        currency = "AUD",
        source = "pax8",
        activeSubscriptions = 1,
        activeQuantity = 10m,
    };

    private RecordedRequest LastListRequest => Gateway.RequestsTo(HttpMethod.Get, CatalogPath)[^1];

    private IRenderedComponent<CatalogMappings> RenderLoaded()
    {
        var catalog = Render<CatalogMappings>();
        catalog.WaitForElement("[data-testid=catalog-table]");
        return catalog;
    }

    [Fact]
    public void Opening_the_address_of_a_filtered_page_shows_it()
    {
        Navigation.NavigateTo("reconciliation/sync-tools?search=defender&licenceUnit=device&page=2");

        var catalog = RenderLoaded();

        var query = Gateway.RequestsTo(HttpMethod.Get, CatalogPath).ShouldHaveSingleItem().Query;
        (query["search"], query["licenceUnit"], query["page"]).ShouldBe(("defender", "device", "2"));
        catalog.Find("[data-testid=catalog-product] strong").TextContent.ShouldBe("Page 2");
        catalog.Find("[data-testid=catalog-search]").GetAttribute("value").ShouldBe("defender");
        catalog.Find("[data-testid=catalog-unit-filter]").GetAttribute("value").ShouldBe("device");
    }

    [Fact]
    public void Paging_and_filtering_put_the_query_in_the_address()
    {
        Navigation.NavigateTo("reconciliation/sync-tools");
        var catalog = RenderLoaded();

        catalog.Find("[data-testid=catalog-next]").Click();

        catalog.WaitForAssertion(() => Navigation.Uri.ShouldBe($"{SyncToolsAddress}?page=2"));
        catalog.WaitForAssertion(() => catalog.Find("[data-testid=catalog-product] strong").TextContent.ShouldBe("Page 2"));

        catalog.Find("[data-testid=catalog-unit-filter]").Change("user");

        // A changed filter shows the list from its first page.
        catalog.WaitForAssertion(() => Navigation.Uri.ShouldBe($"{SyncToolsAddress}?licenceUnit=user"));
        catalog.WaitForAssertion(() => (LastListRequest.Query["licenceUnit"], LastListRequest.Query["page"]).ShouldBe(("user", "1")));

        catalog.Find("[data-testid=catalog-search]").Change("copilot");

        catalog.WaitForAssertion(() => Navigation.Uri.ShouldBe($"{SyncToolsAddress}?licenceUnit=user&search=copilot"));
        catalog.WaitForAssertion(() => LastListRequest.Query["search"].ShouldBe("copilot"));
    }

    [Fact]
    public void A_licence_filter_the_catalog_does_not_know_lists_every_product()
    {
        Navigation.NavigateTo("reconciliation/sync-tools?licenceUnit=seat&page=0");

        RenderLoaded();

        var query = LastListRequest.Query;
        query.ShouldNotContainKey("licenceUnit");
        query["page"].ShouldBe("1");
    }
}

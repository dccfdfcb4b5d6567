using System.Net;
using BillingOne.Web.Components.Pages.Metering;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;
using static BillingOne.Web.Tests.TestDoubles.MeteringResponses;

namespace BillingOne.Web.Tests.Metering;

[Trait("Category", "Unit")]
public sealed class MeteringClientsPageTests : ListPageContext<MeteringClients>
{
    private const string BucketCountsPath = "/api/metering/buckets/counts";

    /// <summary>Metering's answer: Contoso has 3 buckets, every other client none.</summary>
    public MeteringClientsPageTests() : base(SubscriptionClientsPath, "metering-clients") =>
        Gateway.On(HttpMethod.Get, BucketCountsPath, request => Json(request.Query["clientId"].Split(',')
            .Select(clientId => new { clientId, buckets = clientId == ContosoId.ToString() ? 3 : 0 })));

    [Fact]
    public void Lists_each_client_with_the_seed_columns_by_name()
    {
        ServeList(ClientChoice(ContosoId, "Contoso"), ClientChoice(NorthwindId, "Northwind", enabled: false));

        var page = RenderLoaded();

        page.Find("h1").TextContent.ShouldBe("Clients");
        ColumnHeaders(page).ShouldBe(["ID", "Name", "Buckets", "Enabled", "Created At", "Actions"]);
        var rows = page.FindAll("[data-testid=metering-client-row]");
        rows.Select(row => row.GetAttribute("data-client-id")).ShouldBe([ContosoId.ToString(), NorthwindId.ToString()]);
        rows[0].QuerySelector("[data-testid=short-id]")!.GetAttribute("data-id").ShouldBe(ContosoId.ToString());
        rows[0].QuerySelector("[data-testid=metering-client-name] a")!.GetAttribute("href").ShouldBe($"clients/{ContosoId}");
        rows[0].QuerySelector("[data-testid=metering-client-buckets-link]")!.GetAttribute("href")
            .ShouldBe($"metering/buckets?clientId={ContosoId}");
        rows.Select(row => row.QuerySelector("[data-testid=metering-client-buckets]")!.TextContent.Trim()).ShouldBe(["3", "0"]);
        Gateway.RequestsTo(HttpMethod.Get, BucketCountsPath).ShouldHaveSingleItem().Query["clientId"]
            .ShouldBe($"{ContosoId},{NorthwindId}", "one call for the clients the page shows");
        rows.Select(row => row.QuerySelector("[data-testid=metering-client-enabled]")!.TextContent.Trim())
            .ShouldBe(["Enabled", "Disabled"]);
        rows[0].QuerySelector("[data-testid=metering-client-created]")!.TextContent.ShouldBe("2025-03-01 08:15 UTC");
        rows[0].QuerySelector("[data-testid=metering-client-disable]").ShouldNotBeNull();
        rows[1].QuerySelector("[data-testid=metering-client-enable]").ShouldNotBeNull();
        var query = LastListRequest.Query;
        query["sort"].ShouldBe("name");
        query["direction"].ShouldBe("asc");
    }

    [Fact]
    public void Says_no_clients_when_there_are_none()
    {
        RenderEmptySaying("No clients");

        Gateway.RequestsTo(HttpMethod.Get, BucketCountsPath).ShouldBeEmpty("no clients, nothing to count");
    }

    [Fact]
    public void Searches_by_name_and_sorts_by_creation_newest_first()
    {
        ServeList(ClientChoice(ContosoId, "Contoso"));
        var page = RenderLoaded();

        page.Find("[data-testid=metering-clients-search]").Change("cont");
        page.WaitForAssertion(() => LastListRequest.Query["search"].ShouldBe("cont"));
        page.Find("[data-testid=sort-createdAt]").Click();

        page.WaitForAssertion(() =>
        {
            LastListRequest.Query["sort"].ShouldBe("createdAt");
            LastListRequest.Query["direction"].ShouldBe("desc");
            LastListRequest.Query["search"].ShouldBe("cont", "the search is kept");
        });
    }

    [Fact]
    public void Disabling_posts_and_shows_the_list_again()
    {
        ServeList(ClientChoice(ContosoId, "Contoso"));
        Gateway.On(HttpMethod.Post, $"{SubscriptionClientsPath}/{ContosoId}/disable",
            _ => Json(ClientChoice(ContosoId, "Contoso", enabled: false)));
        var page = RenderLoaded();

        ServeList(ClientChoice(ContosoId, "Contoso", enabled: false));
        page.Find("[data-testid=metering-client-disable]").Click();

        page.WaitForElement("[data-testid=metering-client-enable]");
        Gateway.RequestsTo(HttpMethod.Post, $"{SubscriptionClientsPath}/{ContosoId}/disable").ShouldHaveSingleItem();
        page.Find("[data-testid=metering-clients-status]").TextContent.ShouldContain("“Contoso” is disabled");
    }

    [Fact]
    public void A_refused_enable_shows_the_problem()
    {
        ServeList(ClientChoice(NorthwindId, "Northwind", enabled: false));
        Gateway.On(HttpMethod.Post, $"{SubscriptionClientsPath}/{NorthwindId}/enable",
            _ => Problem(HttpStatusCode.NotFound, "Client not found."));
        var page = RenderLoaded();

        page.Find("[data-testid=metering-client-enable]").Click();

        page.WaitForElement("[data-testid=metering-clients-change-error]").TextContent.ShouldContain("Client not found.");
        page.FindAll("[data-testid=metering-clients-status]").ShouldBeEmpty();
    }

    [Fact]
    public void A_read_only_user_cannot_enable_or_disable()
    {
        SignInAs(TestUser.ReadOnly);
        ServeList(ClientChoice(ContosoId, "Contoso"), ClientChoice(NorthwindId, "Northwind", enabled: false));

        var page = RenderLoaded();

        page.FindAll("[data-testid=metering-client-disable]").ShouldBeEmpty();
        page.FindAll("[data-testid=metering-client-enable]").ShouldBeEmpty();
    }
}

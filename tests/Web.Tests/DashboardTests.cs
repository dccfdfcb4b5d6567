using System.Net;
using BillingOne.Web.Components.Pages;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;

namespace BillingOne.Web.Tests;

public sealed class DashboardTests : WebUiContext
{
    [Fact]
    public void Under_licensed_card_counts_those_clients_and_links_to_the_filtered_list()
    {
        Gateway.OnGetClients(_ => ClientPage([Client("Contoso", status: "under-licensed")], pageSize: 1, totalCount: 7));

        var page = Render<Dashboard>();

        page.WaitForElement("[data-testid=under-licensed-count]").TextContent.ShouldBe("7");
        page.Find("[data-testid=under-licensed-link]").GetAttribute("href").ShouldBe("clients?status=under-licensed");
        var query = Gateway.Requests.ShouldHaveSingleItem().Query;
        query["status"].ShouldBe("under-licensed");
        query["pageSize"].ShouldBe("1");
    }

    [Fact]
    public void Cards_without_a_source_say_so_instead_of_showing_numbers()
    {
        Gateway.OnGetClients(_ => ClientPage([], totalCount: 0));

        var page = Render<Dashboard>();

        foreach (var card in new[] { "card-mrr", "card-active-subscriptions", "card-pending-invoices" })
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
}

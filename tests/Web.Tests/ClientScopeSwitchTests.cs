using System.Text.Json;
using BillingOne.Web.Components.Layout;
using BillingOne.Web.Components.Pages.Settings;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using Bunit.TestDoubles;
using static BillingOne.Web.Tests.TestDoubles.ClientBillingResponses;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;

namespace BillingOne.Web.Tests;

[Trait("Category", "Unit")]
public sealed class ClientScopeSwitchTests : WebUiContext
{
    private static readonly Guid ContosoId = Guid.Parse("6f1d2c1e-6a3b-4a55-9a1e-3f0c6f1a0001");
    private static readonly Guid NorthwindId = Guid.Parse("6f1d2c1e-6a3b-4a55-9a1e-3f0c6f1a0002");

    public ClientScopeSwitchTests() => Navigation.NavigateTo("subscriptions?status=active");

    private BunitNavigationManager Navigator => (BunitNavigationManager)Navigation;

    [Fact]
    public void The_header_of_every_page_offers_the_switch()
    {
        Gateway.On(HttpMethod.Get, ClientScopePath, _ => ClientScope());

        var layout = Render<MainLayout>(parameters => parameters.Add(
            main => main.Body, (Microsoft.AspNetCore.Components.RenderFragment)(builder => builder.AddContent(0, "page"))));

        layout.WaitForElement("[data-testid=topbar] [data-testid=client-scope-open]").TextContent.Trim().ShouldBe("Scope to client");
    }

    [Fact]
    public void Choosing_a_client_from_the_search_scopes_the_session_and_reloads_the_page()
    {
        Gateway.On(HttpMethod.Get, ClientScopePath, _ => ClientScope());
        Gateway.OnGetClients(request => ClientPage(request.Query.TryGetValue("search", out var search) && search == "north"
            ? [Client("Northwind Traders", clientId: NorthwindId)]
            : [Client("Contoso Dental", clientId: ContosoId), Client("Northwind Traders", clientId: NorthwindId)]));
        Gateway.On(HttpMethod.Put, ClientScopePath, _ => ClientScope(NorthwindId, "Northwind Traders"));
        var scopeSwitch = Render<ClientScopeSwitch>();

        scopeSwitch.WaitForElement("[data-testid=client-scope-open]").Click();
        scopeSwitch.WaitForElements("[data-testid=client-scope-choice]").Count.ShouldBe(2);
        scopeSwitch.Find("[data-testid=client-scope-search]").Input(" north ");
        scopeSwitch.WaitForAssertion(() => scopeSwitch.FindAll("[data-testid=client-scope-choice]")
            .Select(choice => choice.TextContent).ShouldBe(["Northwind Traders"]));
        scopeSwitch.Find("[data-testid=client-scope-choice]").Click();

        scopeSwitch.WaitForAssertion(() => Gateway.RequestsTo(HttpMethod.Put, ClientScopePath).ShouldHaveSingleItem());
        JsonDocument.Parse(Gateway.RequestsTo(HttpMethod.Put, ClientScopePath)[0].Body!).RootElement
            .GetProperty("clientId").GetGuid().ShouldBe(NorthwindId);
        var lastSearch = Gateway.RequestsTo(HttpMethod.Get, "/api/projection/clients")[^1].Query;
        lastSearch["search"].ShouldBe("north");
        lastSearch["sort"].ShouldBe("name");
        lastSearch["direction"].ShouldBe("asc");
        var reload = Navigator.History.First();
        reload.Uri.ShouldBe("http://localhost/subscriptions?status=active");
        reload.Options.ForceLoad.ShouldBeTrue();
    }

    [Fact]
    public void An_active_scope_is_shown_with_a_clear_button_that_clears_it_and_reloads()
    {
        Gateway.On(HttpMethod.Get, ClientScopePath, _ => ClientScope(ContosoId, "Contoso Dental"));
        Gateway.On(HttpMethod.Delete, ClientScopePath, _ => ClientScope());
        var scopeSwitch = Render<ClientScopeSwitch>();

        var active = scopeSwitch.WaitForElement("[data-testid=client-scope-active]");
        active.TextContent.Trim().ShouldBe("Scoped to Contoso Dental");
        scopeSwitch.Find("[data-testid=client-scope-name]").GetAttribute("href").ShouldBe($"clients/{ContosoId}");
        scopeSwitch.FindAll("[data-testid=client-scope-open]").ShouldBeEmpty();

        scopeSwitch.Find("[data-testid=client-scope-clear]").Click();

        scopeSwitch.WaitForAssertion(() => Gateway.RequestsTo(HttpMethod.Delete, ClientScopePath).ShouldHaveSingleItem());
        Navigator.History.First().Options.ForceLoad.ShouldBeTrue();
    }

    [Fact]
    public void A_refused_scope_shows_the_problem_and_stays_on_the_page()
    {
        Gateway.On(HttpMethod.Get, ClientScopePath, _ => ClientScope());
        Gateway.OnGetClients(_ => ClientPage([Client("Contoso Dental", clientId: ContosoId)]));
        Gateway.On(HttpMethod.Put, ClientScopePath, _ => Problem(System.Net.HttpStatusCode.BadRequest, "The client scope is not valid.",
            errors: new Dictionary<string, string[]> { ["clientId"] = ["Client is disabled: enable it before scoping to it."] }));
        var scopeSwitch = Render<ClientScopeSwitch>();

        scopeSwitch.WaitForElement("[data-testid=client-scope-open]").Click();
        scopeSwitch.WaitForElement("[data-testid=client-scope-choice]").Click();

        scopeSwitch.WaitForElement("[data-testid=client-scope-error]").TextContent
            .ShouldContain("Client is disabled: enable it before scoping to it.");
        Navigator.History.ShouldAllBe(entry => !entry.Options.ForceLoad);
    }

    [Fact]
    public void A_scoped_user_is_told_to_clear_the_scope_instead_of_seeing_API_keys_and_sync_tools_refused()
    {
        Gateway.On(HttpMethod.Get, ClientScopePath, _ => ClientScope(ContosoId, "Contoso Dental"));

        var keys = Render<BillingOne.Web.Components.Pages.ApiKeys>();
        var syncTools = Render<BillingOne.Web.Components.Pages.SyncTools>();

        keys.WaitForElement("[data-testid=scoped-settings-notice] .notice-title").TextContent
            .ShouldBe("Scoped to Contoso Dental — clear scope to manage the organization's API keys.");
        syncTools.WaitForElement("[data-testid=scoped-settings-notice] .notice-title").TextContent
            .ShouldBe("Scoped to Contoso Dental — clear scope to run the organization's syncs.");
        syncTools.FindAll("[data-testid=full-reconcile]").ShouldBeEmpty();
    }

    [Fact]
    public void A_scoped_user_sees_why_organization_settings_are_hidden_and_can_clear_the_scope()
    {
        Gateway.On(HttpMethod.Get, ClientScopePath, _ => ClientScope(ContosoId, "Contoso Dental"));
        Gateway.On(HttpMethod.Delete, ClientScopePath, _ => ClientScope());

        var settings = Render<OrganizationTab>();

        settings.WaitForElement("[data-testid=scoped-settings-notice] .notice-title").TextContent
            .ShouldBe("Scoped to Contoso Dental — clear scope to change organization settings.");
        settings.FindAll("[data-testid=organization]").ShouldBeEmpty();
        Gateway.RequestsTo(HttpMethod.Get, "/api/identity/organization").ShouldBeEmpty(
            "an organization-wide read would only be refused");

        settings.Find("[data-testid=scoped-settings-clear]").Click();

        settings.WaitForAssertion(() => Gateway.RequestsTo(HttpMethod.Delete, ClientScopePath).ShouldHaveSingleItem());
        Navigator.History.First().Options.ForceLoad.ShouldBeTrue();
    }
}

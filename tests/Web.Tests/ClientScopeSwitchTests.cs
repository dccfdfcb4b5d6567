using System.Text.Json;
using BillingOne.Web.Components.Layout;
using BillingOne.Web.Components.Shared;
using BillingOne.Web.Components.Pages.Settings;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using Bunit.TestDoubles;
using static BillingOne.Web.Tests.TestDoubles.ClientBillingResponses;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;
using static BillingOne.Web.Tests.TestDoubles.MeteringResponses;

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

    /// <summary>Types <paramref name="text"/> into the scope's client picker and lets its pause pass on the fake clock.</summary>
    private void Type(IRenderedComponent<ClientScopeSwitch> scopeSwitch, string text)
    {
        scopeSwitch.Find("[data-testid=client-scope-client-input]").Input(text);
        Time.Advance(ClientPicker.DebounceDelay);
    }

    [Fact]
    public void Choosing_a_client_in_the_client_picker_scopes_the_session_and_reloads_the_page()
    {
        Gateway.On(HttpMethod.Get, ClientScopePath, _ => ClientScope());
        Gateway.ServeClientChoices([(ContosoId, "Contoso Dental"), (NorthwindId, "Northwind Traders")]);
        Gateway.On(HttpMethod.Put, ClientScopePath, _ => ClientScope(NorthwindId, "Northwind Traders"));
        var scopeSwitch = Render<ClientScopeSwitch>();

        scopeSwitch.WaitForElement("[data-testid=client-scope-open]").Click();
        Type(scopeSwitch, "north");
        scopeSwitch.WaitForAssertion(() => scopeSwitch.FindAll("[data-testid=client-scope-client-option]")
            .Select(choice => choice.TextContent.Trim()).ShouldBe(["Northwind Traders"]));
        scopeSwitch.Find("[data-testid=client-scope-client-option]").Click();

        scopeSwitch.WaitForAssertion(() => Gateway.RequestsTo(HttpMethod.Put, ClientScopePath).ShouldHaveSingleItem());
        JsonDocument.Parse(Gateway.RequestsTo(HttpMethod.Put, ClientScopePath)[0].Body!).RootElement
            .GetProperty("clientId").GetGuid().ShouldBe(NorthwindId);
        Gateway.RequestsTo(HttpMethod.Get, SubscriptionClientsPath)[^1].Query["search"].ShouldBe("north");
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
        Gateway.ServeClientChoices([(ContosoId, "Contoso Dental")]);
        Gateway.On(HttpMethod.Put, ClientScopePath, _ => Problem(System.Net.HttpStatusCode.BadRequest, "The client scope is not valid.",
            errors: new Dictionary<string, string[]> { ["clientId"] = ["Client is disabled: enable it before scoping to it."] }));
        var scopeSwitch = Render<ClientScopeSwitch>();

        scopeSwitch.WaitForElement("[data-testid=client-scope-open]").Click();
        Type(scopeSwitch, "contoso");
        scopeSwitch.WaitForElement("[data-testid=client-scope-client-option]").Click();

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

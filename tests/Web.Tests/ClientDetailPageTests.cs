using System.Text.Json;
using BillingOne.Web.Components.Pages;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using Bunit.TestDoubles;
using static BillingOne.Web.Tests.TestDoubles.ClientBillingResponses;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;

namespace BillingOne.Web.Tests;

[Trait("Category", "Unit")]
public sealed class ClientDetailPageTests : WebUiContext
{
    private static readonly Guid ContosoId = Guid.Parse("6f1d2c1e-6a3b-4a55-9a1e-3f0c6f1a0001");

    public ClientDetailPageTests()
    {
        Navigation.NavigateTo($"clients/{ContosoId}");
        Gateway.On(HttpMethod.Get, ClientScopePath, _ => ClientScope());
    }

    private void ServeContoso() => Gateway.On(HttpMethod.Get, ClientDetailPath(ContosoId), _ => ClientDetail(
        ContosoId, "Contoso Dental", mrr: 2450.5m, subscriptions: 12, devices: 40, licenses: 45, deviceLicenses: 35,
        userLicenses: 10, status: "under-licensed", totalSpend: 18230.4m, billingContact: "Dana Accounts",
        missedBillingOpen: 225m, invoices: 9, snapshotTakenAt: new DateTimeOffset(2026, 3, 2, 4, 5, 0, TimeSpan.Zero)));

    private IRenderedComponent<ClientDetailPage> RenderLoaded()
    {
        var page = Render<ClientDetailPage>(parameters => parameters.Add(detail => detail.ClientId, ContosoId));
        page.WaitForElement("[data-testid=client-detail]");
        return page;
    }

    private static string Metric(IRenderedComponent<ClientDetailPage> page, string name) =>
        string.Join(' ', page.Find($"[data-testid=client-metric-{name}] dd").TextContent
            .Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public void Shows_the_clients_summary_metrics()
    {
        ServeContoso();

        var page = RenderLoaded();

        page.Find("h1").TextContent.ShouldBe("Contoso Dental");
        page.Find("[data-testid=client-detail-status]").TextContent.Trim().ShouldBe("Under-licensed");
        Metric(page, "mrr").ShouldBe("AUD 2,450.50");
        Metric(page, "subscriptions").ShouldBe("12");
        Metric(page, "devices").ShouldBe("40");
        Metric(page, "licenses").ShouldBe("45 (35 device, 10 user)");
        // 40 devices − 35 device licences.
        Metric(page, "variance").ShouldBe("+5 (under-licensed)");
        Metric(page, "total-spend").ShouldBe("AUD 18,230.40");
        Metric(page, "invoices").ShouldBe("9");
        Metric(page, "billing-contact").ShouldBe("Dana Accounts");
        Metric(page, "missed-billing").ShouldBe("AUD 225.00");
        page.Find("[data-testid=client-metric-snapshot] time").GetAttribute("datetime").ShouldStartWith("2026-03-02T04:05:00");
    }

    [Fact]
    public void Shows_each_covering_product_with_its_own_covered_devices_licences_variance_and_status()
    {
        ServeContoso();
        Gateway.On(HttpMethod.Get, $"/api/reconciliation/clients/{ContosoId}", _ => CoverageResponses.Contoso(ContosoId));

        var page = RenderLoaded();

        page.WaitForAssertion(() => CoverageResponses.Rows(page, "client-detail-product").ShouldBe(CoverageResponses.ContosoRows));
    }

    [Fact]
    public void A_client_without_a_snapshot_or_invoices_shows_dashes_not_zeros()
    {
        Gateway.On(HttpMethod.Get, ClientDetailPath(ContosoId), _ => ClientDetail(
            ContosoId, "Contoso Dental", mrr: 0m, subscriptions: 0, devices: 0, licenses: 0, deviceLicenses: 0,
            userLicenses: 0, status: "no-data", totalSpend: null, billingContact: null, missedBillingOpen: null,
            invoices: 0, snapshotTakenAt: null));

        var page = RenderLoaded();

        Metric(page, "devices").ShouldBe("—");
        Metric(page, "variance").ShouldBe("—");
        Metric(page, "total-spend").ShouldBe("—");
        Metric(page, "billing-contact").ShouldBe("—");
        Metric(page, "snapshot").ShouldBe("None yet");
    }

    [Fact]
    public void Quick_links_open_the_lists_narrowed_to_the_client()
    {
        ServeContoso();

        var page = RenderLoaded();

        page.Find("[data-testid=client-link-subscriptions]").GetAttribute("href").ShouldBe($"subscriptions?clientId={ContosoId}");
        page.Find("[data-testid=client-link-invoices]").GetAttribute("href").ShouldBe($"invoices?clientId={ContosoId}");
        page.Find("[data-testid=client-link-contracts]").GetAttribute("href").ShouldBe($"metering/buckets?clientId={ContosoId}");
        page.Find("[data-testid=client-link-missed-billing]").GetAttribute("href").ShouldBe($"missed-billing?clientId={ContosoId}");
    }

    [Fact]
    public void Scope_to_this_client_sets_the_sessions_scope_and_reloads_the_page()
    {
        ServeContoso();
        Gateway.On(HttpMethod.Put, ClientScopePath, _ => ClientScope(ContosoId, "Contoso Dental"));
        var page = RenderLoaded();

        page.Find("[data-testid=client-detail-scope]").Click();

        page.WaitForAssertion(() => Gateway.RequestsTo(HttpMethod.Put, ClientScopePath).ShouldHaveSingleItem());
        JsonDocument.Parse(Gateway.RequestsTo(HttpMethod.Put, ClientScopePath)[0].Body!).RootElement
            .GetProperty("clientId").GetGuid().ShouldBe(ContosoId);
        var reload = ((BunitNavigationManager)Navigation).History.First();
        reload.Uri.ShouldBe($"http://localhost/clients/{ContosoId}");
        reload.Options.ForceLoad.ShouldBeTrue("the scope is the session's: everything on the page loads again");
    }

    [Fact]
    public void Says_so_when_the_app_is_already_scoped_to_this_client()
    {
        ServeContoso();
        Gateway.On(HttpMethod.Get, ClientScopePath, _ => ClientScope(ContosoId, "Contoso Dental"));

        var page = RenderLoaded();

        page.Find("[data-testid=client-detail-scoped]").TextContent.ShouldBe("The app is scoped to this client");
        page.FindAll("[data-testid=client-detail-scope]").ShouldBeEmpty();
    }

    [Fact]
    public void An_unknown_client_shows_the_not_found_state()
    {
        Gateway.On(HttpMethod.Get, ClientDetailPath(ContosoId), _ => NotFound("Client not found."));

        var page = Render<ClientDetailPage>(parameters => parameters.Add(detail => detail.ClientId, ContosoId));

        page.WaitForElement("[data-testid=client-detail-not-found]").TextContent.ShouldContain("Client not found");
        page.FindAll("[data-testid=client-detail]").ShouldBeEmpty();
        page.FindAll("[data-testid=client-detail-error]").ShouldBeEmpty();
    }

    [Fact]
    public void Another_problem_is_shown_as_it_is()
    {
        Gateway.On(HttpMethod.Get, ClientDetailPath(ContosoId),
            _ => Problem(System.Net.HttpStatusCode.ServiceUnavailable, "Projection service unavailable"));

        var page = Render<ClientDetailPage>(parameters => parameters.Add(detail => detail.ClientId, ContosoId));

        page.WaitForElement("[data-testid=client-detail-error]").TextContent.ShouldContain("Projection service unavailable");
    }
}

using System.Net;
using BillingOne.Web.Components.Pages;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using static BillingOne.Web.Tests.Reconciliation.ReconciliationResponses;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;
using static BillingOne.Web.Tests.TestDoubles.MeteringResponses;

namespace BillingOne.Web.Tests.Reconciliation;

[Trait("Category", "Unit")]
public sealed class ReconciliationClientPageTests : WebUiContext
{
    private IRenderedComponent<ReconciliationClient> RenderClient() =>
        Render<ReconciliationClient>(parameters => parameters.Add(page => page.ClientId, ContosoId));

    [Fact]
    public void Shows_the_clients_comparison_rmm_organizations_history_and_links()
    {
        Gateway.On(HttpMethod.Get, $"{ClientsPath}/{ContosoId}", _ => Json(new
        {
            clientId = ContosoId,
            clientName = "Contoso",
            devices = 15,
            licenses = 12,
            variance = 3,
            status = "under-licensed",
            snapshotTakenAt = TakenAt,
            currency = "AUD",
            deviceLicenseUnitPrice = 12.50m,
            missedBillingMonthly = 37.50m,
            rmmOrganizations = new[]
            {
                new { vendor = "ninjaone", vendorId = "101", name = "Contoso HQ", devices = 11 },
                new { vendor = "ninjaone", vendorId = "102", name = "Contoso Branch", devices = 4 },
            },
            history = new[]
            {
                new { snapshotId = Guid.NewGuid(), takenAt = TakenAt, devices = (int?)15, licenses = 12, variance = (int?)3 },
                new { snapshotId = Guid.NewGuid(), takenAt = TakenAt.AddMonths(-1), devices = (int?)10, licenses = 12, variance = (int?)-2 },
            },
        }));

        var page = RenderClient();

        page.WaitForAssertion(() => page.Find("h1").TextContent.ShouldBe("Contoso"));
        page.Find("[data-testid=reconciliation-client-variance]").TextContent.ShouldBe("+3");
        page.Find("[data-testid=reconciliation-client-unit-price]").TextContent.Trim().ShouldBe("AUD 12.50");
        page.Find("[data-testid=reconciliation-client-missed]").TextContent.ShouldBe("AUD 37.50");
        page.FindAll("[data-testid=reconciliation-client-organization] td:first-child").Select(cell => cell.TextContent)
            .ShouldBe(["Contoso HQ", "Contoso Branch"]);
        page.FindAll("[data-testid=reconciliation-client-history-row] td:last-child").Select(cell => cell.TextContent)
            .ShouldBe(["+3", "−2"]);
        page.FindAll("[data-testid=sparkline]").Count.ShouldBe(2);
        page.FindAll("[data-testid=sparkline-range]").Select(range => range.TextContent).ShouldBe(["10–15", "12–12"]);
        page.Find("[data-testid=sparkline-frame]").GetAttribute("title").ShouldBe("lowest 10, highest 15, latest 15");
        page.FindAll("[data-testid=sparkline] circle").Count.ShouldBe(4, "the lowest and highest of each line marked");
        page.Find("[data-testid=reconciliation-client-subscriptions]").GetAttribute("href").ShouldBe($"subscriptions?clientId={ContosoId}");
        page.Find("[data-testid=reconciliation-client-billing]").GetAttribute("href").ShouldBe($"clients/{ContosoId}");
        page.Find("[data-testid=reconciliation-client-missed-billing]").GetAttribute("href").ShouldBe($"missed-billing?clientId={ContosoId}");
    }

    [Fact]
    public void Lists_every_covering_product_with_its_own_covered_devices_quantity_variance_and_status()
    {
        Gateway.On(HttpMethod.Get, $"{ClientsPath}/{ContosoId}", _ => CoverageResponses.Contoso(ContosoId));

        var page = RenderClient();

        page.WaitForAssertion(() => CoverageResponses.Rows(page, "reconciliation-client-product")
            .ShouldBe(CoverageResponses.ContosoRows));
    }

    [Fact]
    public void A_client_without_a_snapshot_says_what_is_missing()
    {
        Gateway.On(HttpMethod.Get, $"{ClientsPath}/{ContosoId}", _ => Json(new
        {
            clientId = ContosoId,
            clientName = "Contoso",
            devices = (int?)null,
            licenses = 4,
            variance = (int?)null,
            status = "no-data",
            snapshotTakenAt = (DateTimeOffset?)null,
            currency = (string?)null,
            deviceLicenseUnitPrice = (decimal?)null,
            missedBillingMonthly = (decimal?)null,
            rmmOrganizations = Array.Empty<object>(),
            history = Array.Empty<object>(),
        }));

        var page = RenderClient();

        page.WaitForAssertion(() => page.Find("[data-testid=reconciliation-client-snapshot]").TextContent.Trim()
            .ShouldBe("No snapshot covers this client yet"));
        page.Find("[data-testid=reconciliation-client-devices]").TextContent.ShouldBe("—");
        page.Find("[data-testid=reconciliation-client-organizations-empty] p").TextContent.ShouldBe("No RMM organization is mapped to this client");
        page.Find("[data-testid=reconciliation-client-history-empty]").TextContent.Trim().ShouldBe("No snapshots yet");
        page.FindAll("[data-testid=sparkline]").ShouldBeEmpty();
    }

    [Fact]
    public void An_unknown_client_shows_the_services_problem()
    {
        Gateway.On(HttpMethod.Get, $"{ClientsPath}/{ContosoId}", _ => Problem(HttpStatusCode.NotFound, "The client was not found."));

        var page = RenderClient();

        page.WaitForAssertion(() => page.Find("[data-testid=reconciliation-client-error]").TextContent
            .ShouldContain("Could not load the client: The client was not found."));
    }
}

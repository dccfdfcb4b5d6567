using System.Net;
using System.Text.Json;
using BillingOne.Web.Api;
using BillingOne.Web.Components.Pages;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;

namespace BillingOne.Web.Tests.Reconciliation;

[Trait("Category", "Unit")]
public sealed class BulkLicenceAdjustmentTests : WebUiContext
{
    private const string Path = "/api/subscription/adjustments";
    private static readonly Guid Contoso = Guid.Parse("c1000000-0000-4000-8000-000000000001");
    private static readonly Guid Northwind = Guid.Parse("c1000000-0000-4000-8000-000000000002");
    private static readonly Guid Fabrikam = Guid.Parse("c1000000-0000-4000-8000-000000000003");
    private static readonly Guid Tailspin = Guid.Parse("c1000000-0000-4000-8000-000000000004");

    private static ReconciledClient Row(Guid id, string name, int? devices, int licenses) => new(id, name, devices, licenses,
        devices - licenses, "under-licensed", null, "AUD", null, null);

    private static object Adjustment(Guid id, Guid clientId, int before, int proposed) => new
    {
        id,
        clientId,
        subscriptionId = Guid.NewGuid(),
        productName = "Defender for Endpoint P1",
        quantityBefore = before,
        proposedQuantity = proposed,
        approvedQuantity = (int?)null,
        quantityAfter = (int?)null,
        state = "proposed",
        error = (string?)null,
        attempts = 0,
    };

    [Fact]
    public void Proposes_for_each_row_shown_then_approves_them_all_with_a_result_per_row()
    {
        var contosoAdjustment = Guid.NewGuid();
        var northwindAdjustment = Guid.NewGuid();
        Gateway.On(HttpMethod.Post, Path, request =>
        {
            var clientId = JsonDocument.Parse(request.Body!).RootElement.GetProperty("clientId").GetGuid();
            return clientId == Contoso
                ? Json(new { adjustment = Adjustment(contosoAdjustment, Contoso, 12, 15), remainingVariance = 0 }, HttpStatusCode.Created)
                : clientId == Northwind
                    ? Json(new { adjustment = Adjustment(northwindAdjustment, Northwind, 10, 8), remainingVariance = 0 }, HttpStatusCode.Created)
                    : Problem(HttpStatusCode.UnprocessableEntity, "Nothing to adjust.");
        });
        Gateway.On(HttpMethod.Post, $"{Path}/approve", _ => Json(new
        {
            results = new object[]
            {
                new { id = contosoAdjustment, state = "applied", quantityAfter = (int?)15, error = (string?)null },
                new { id = northwindAdjustment, state = "failed", quantityAfter = (int?)null, error = "Pax8 answered 503 for subscriptions/x" },
            },
            applied = 1,
            failed = 1,
        }));
        var bulk = Render<BulkLicenceAdjustment>(parameters => parameters.Add(component => component.Clients,
            [Row(Contoso, "Contoso", 15, 12), Row(Northwind, "Northwind", 8, 10), Row(Fabrikam, "Fabrikam", 3, 2),
                Row(Tailspin, "Tailspin", null, 4)]));

        bulk.Find("[data-testid=bulk-adjust-propose]").TextContent.ShouldBe("Propose for the 3 client(s) shown");
        bulk.Find("[data-testid=bulk-adjust-propose]").Click();
        bulk.WaitForAssertion(() => bulk.FindAll("[data-testid=bulk-adjust-row]").Count.ShouldBe(3));
        bulk.FindAll("[data-testid=bulk-adjust-result]").Select(cell => cell.TextContent)
            .ShouldBe(["Proposed", "Proposed", "Not proposed: Nothing to adjust."]);

        bulk.Find("[data-testid=bulk-adjust-approve]").Click();
        bulk.Find("[data-testid=bulk-adjust-confirm]").TextContent.ShouldContain("Change 2 subscription quantities in Pax8 now?");
        bulk.FindAll("[data-testid=bulk-adjust-confirm-summary] li").Select(item => item.TextContent.Trim()).ShouldBe(
            ["Contoso · Defender for Endpoint P1: 12 → 15 (+3)", "Northwind · Defender for Endpoint P1: 10 → 8 (−2)"]);
        Gateway.RequestsTo(HttpMethod.Post, $"{Path}/approve").ShouldBeEmpty("nothing changes in Pax8 before the confirmation");
        bulk.Find("[data-testid=bulk-adjust-confirm-yes]").Click();

        bulk.WaitForAssertion(() => bulk.FindAll("[data-testid=bulk-adjust-result]").Select(cell => cell.TextContent)
            .ShouldBe(["Applied: Pax8 has 15", "Failed: Pax8 answered 503 for subscriptions/x", "Not proposed: Nothing to adjust."]));
        JsonDocument.Parse(Gateway.RequestsTo(HttpMethod.Post, $"{Path}/approve").Single().Body!).RootElement
            .GetProperty("ids").EnumerateArray().Select(id => id.GetGuid()).ShouldBe([contosoAdjustment, northwindAdjustment]);
        bulk.FindAll("[data-testid=bulk-adjust-approve]").ShouldBeEmpty();
        bulk.FindAll("[data-testid=bulk-adjust-confirm]").ShouldBeEmpty();
    }

    [Fact]
    public void Cancelling_the_confirmation_changes_nothing_in_Pax8()
    {
        Gateway.On(HttpMethod.Post, Path, _ => Json(new { adjustment = Adjustment(Guid.NewGuid(), Contoso, 12, 15), remainingVariance = 0 },
            HttpStatusCode.Created));
        var bulk = Render<BulkLicenceAdjustment>(parameters => parameters.Add(component => component.Clients,
            [Row(Contoso, "Contoso", 15, 12)]));
        bulk.Find("[data-testid=bulk-adjust-propose]").Click();
        bulk.WaitForAssertion(() => bulk.Find("[data-testid=bulk-adjust-approve]"));

        bulk.Find("[data-testid=bulk-adjust-approve]").Click();
        bulk.Find("[data-testid=bulk-adjust-confirm]").TextContent.ShouldContain("Change 1 subscription quantity in Pax8 now?");
        bulk.Find("[data-testid=bulk-adjust-confirm-cancel]").Click();

        bulk.FindAll("[data-testid=bulk-adjust-confirm]").ShouldBeEmpty();
        Gateway.RequestsTo(HttpMethod.Post, $"{Path}/approve").ShouldBeEmpty();
        bulk.FindAll("[data-testid=bulk-adjust-result]").Select(cell => cell.TextContent).ShouldBe(["Proposed"]);
    }

    [Fact]
    public void Rows_without_a_variance_offer_nothing()
    {
        var bulk = Render<BulkLicenceAdjustment>(parameters => parameters.Add(component => component.Clients,
            [Row(Contoso, "Contoso", 12, 12), Row(Tailspin, "Tailspin", null, 4)]));

        bulk.FindAll("[data-testid=bulk-adjust]").ShouldBeEmpty();
    }
}

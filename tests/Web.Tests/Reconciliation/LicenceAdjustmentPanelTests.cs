using System.Text.Json;
using BillingOne.Web.Components.Pages;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;

namespace BillingOne.Web.Tests.Reconciliation;

[Trait("Category", "Unit")]
public sealed class LicenceAdjustmentPanelTests : WebUiContext
{
    private const string Path = "/api/subscription/adjustments";
    private static readonly Guid ClientId = Guid.Parse("c1000000-0000-4000-8000-000000000001");
    private static readonly Guid First = Guid.Parse("ad000000-0000-4000-8000-000000000001");
    private static readonly Guid Second = Guid.Parse("ad000000-0000-4000-8000-000000000002");

    private static object Adjustment(Guid id, string product, int before, int proposed, string state = "proposed",
        int? after = null, string? error = null) => new
        {
            id,
            clientId = ClientId,
            subscriptionId = Guid.NewGuid(),
            productName = product,
            quantityBefore = before,
            proposedQuantity = proposed,
            approvedQuantity = (int?)null,
            quantityAfter = after,
            state,
            error,
            attempts = state == "proposed" ? 0 : 1,
        };

    private void GivenOpen(params object[] adjustments) =>
        Gateway.On(HttpMethod.Get, Path, _ => ClientPage(adjustments, pageSize: 200));

    private IRenderedComponent<LicenceAdjustmentPanel> RenderPanel(int? devices = 15, int? variance = 3) =>
        Render<LicenceAdjustmentPanel>(parameters => parameters
            .Add(panel => panel.ClientId, ClientId)
            .Add(panel => panel.Devices, devices)
            .Add(panel => panel.Variance, variance));

    [Fact]
    public void Each_per_device_product_off_its_devices_is_adjusted_on_its_own_with_its_covered_devices()
    {
        var serverBackup = Guid.Parse("0d000000-0000-4000-8000-000000000004");
        GivenOpen();
        Gateway.On(HttpMethod.Post, Path, _ => Json(
            new { adjustment = Adjustment(First, "Acronis Cyber Protect Cloud - Server", 7, 10), remainingVariance = 0 },
            System.Net.HttpStatusCode.Created));
        var panel = Render<LicenceAdjustmentPanel>(parameters => parameters
            .Add(component => component.ClientId, ClientId)
            .Add(component => component.Devices, 50)
            .Add(component => component.Variance, 3)
            .Add(component => component.Products, new List<BillingOne.Web.Api.ProductCoverage>
            {
                new(serverBackup, "Acronis Cyber Protect Cloud - Server", "servers", 10, 7, 3, "under-licensed", 38.00m, "AUD"),
                new(Guid.NewGuid(), "SentinelOne Singularity Control", "devices", 50, 50, 0, "matched", 7.50m, "AUD"),
                new(Guid.NewGuid(), "Microsoft 365 Business Premium", "users", null, 48, null, "not-compared", 33.00m, "AUD"),
            }));
        panel.WaitForAssertion(() => panel.Find("[data-testid=licence-adjustments-empty]"));

        panel.FindAll("[data-testid=licence-adjustments-propose]").ShouldHaveSingleItem().TextContent
            .ShouldBe("Adjust Acronis Cyber Protect Cloud - Server");
        panel.Find("[data-testid=licence-adjustments-propose]").Click();

        panel.WaitForAssertion(() => Gateway.RequestsTo(HttpMethod.Post, Path).ShouldHaveSingleItem());
        var proposal = JsonDocument.Parse(Gateway.RequestsTo(HttpMethod.Post, Path).Single().Body!).RootElement;
        (proposal.GetProperty("productId").GetGuid(), proposal.GetProperty("devices").GetInt32()).ShouldBe((serverBackup, 10));
    }

    [Fact]
    public void Adjust_shows_the_proposal_and_an_edited_approval_sends_the_quantity_and_shows_it_applied()
    {
        var open = Array.Empty<object>();
        Gateway.On(HttpMethod.Get, Path, _ => ClientPage(open, pageSize: 200));
        Gateway.On(HttpMethod.Post, Path, _ =>
        {
            open = [Adjustment(First, "Defender for Endpoint P1", 12, 15)];
            return Json(new { adjustment = Adjustment(First, "Defender for Endpoint P1", 12, 15), remainingVariance = 0 },
                System.Net.HttpStatusCode.Created);
        });
        Gateway.On(HttpMethod.Post, $"{Path}/{First}/approve", _ =>
            Json(Adjustment(First, "Defender for Endpoint P1", 12, 15, "applied", after: 16)));
        var panel = RenderPanel();
        panel.WaitForAssertion(() => panel.Find("[data-testid=licence-adjustments-empty]"));

        panel.Find("[data-testid=licence-adjustments-propose]").Click();
        panel.WaitForAssertion(() => panel.Find("[data-testid=licence-adjustment-quantity]").GetAttribute("value").ShouldBe("15"));
        panel.Find("[data-testid=licence-adjustment-quantity]").Change("16");
        panel.Find("[data-testid=licence-adjustment-approve]").Click();
        panel.Find("[data-testid=licence-adjustments-confirm-summary]").TextContent.Trim()
            .ShouldBe("Defender for Endpoint P1: 12 → 16 (+4)", "the quantity as edited");
        Gateway.RequestsTo(HttpMethod.Post, $"{Path}/{First}/approve").ShouldBeEmpty("nothing changes in Pax8 before the confirmation");
        panel.Find("[data-testid=licence-adjustments-confirm-yes]").Click();

        panel.WaitForAssertion(() => panel.Find("[data-testid=licence-adjustment-state]").TextContent.ShouldContain("applied"));
        var proposal = JsonDocument.Parse(Gateway.RequestsTo(HttpMethod.Post, Path).Single().Body!).RootElement;
        proposal.GetProperty("clientId").GetGuid().ShouldBe(ClientId);
        proposal.GetProperty("devices").GetInt32().ShouldBe(15);
        JsonDocument.Parse(Gateway.RequestsTo(HttpMethod.Post, $"{Path}/{First}/approve").Single().Body!)
            .RootElement.GetProperty("quantity").GetInt32().ShouldBe(16);
        panel.FindAll("[data-testid=licence-adjustment] td")[2].TextContent.Trim().ShouldBe("16");
        panel.FindAll("[data-testid=licence-adjustment-approve]").ShouldBeEmpty();
    }

    [Fact]
    public void Approve_all_shows_each_rows_outcome_and_a_failed_row_can_be_retried()
    {
        GivenOpen(Adjustment(First, "Defender for Endpoint P1", 12, 15), Adjustment(Second, "Huntress EDR", 4, 6));
        Gateway.On(HttpMethod.Post, $"{Path}/approve", _ => Json(new
        {
            results = new object[]
            {
                new { id = First, state = "applied", quantityAfter = (int?)15, error = (string?)null },
                new { id = Second, state = "failed", quantityAfter = (int?)null, error = "Pax8 answered 503 for subscriptions/x" },
            },
            applied = 1,
            failed = 1,
        }));
        Gateway.On(HttpMethod.Post, $"{Path}/{Second}/retry", _ => Json(Adjustment(Second, "Huntress EDR", 4, 6, "applied", after: 6)));
        var panel = RenderPanel();
        panel.WaitForAssertion(() => panel.FindAll("[data-testid=licence-adjustment]").Count.ShouldBe(2));

        panel.Find("[data-testid=licence-adjustments-approve-all]").Click();
        panel.FindAll("[data-testid=licence-adjustments-confirm-summary] li").Select(item => item.TextContent.Trim())
            .ShouldBe(["Defender for Endpoint P1: 12 → 15 (+3)", "Huntress EDR: 4 → 6 (+2)"]);
        panel.Find("[data-testid=licence-adjustments-confirm-yes]").Click();

        panel.WaitForAssertion(() => panel.Find("[data-testid=licence-adjustments-bulk-result]").TextContent.ShouldBe("1 applied, 1 failed."));
        JsonDocument.Parse(Gateway.RequestsTo(HttpMethod.Post, $"{Path}/approve").Single().Body!).RootElement
            .GetProperty("ids").EnumerateArray().Select(id => id.GetGuid()).ShouldBe([First, Second]);
        var states = panel.FindAll("[data-testid=licence-adjustment-state]").Select(cell => cell.TextContent).ToList();
        states[0].ShouldContain("applied");
        states[1].ShouldContain("failed");
        states[1].ShouldContain("Pax8 answered 503");

        panel.Find("[data-testid=licence-adjustment-retry]").Click();

        panel.WaitForAssertion(() => panel.FindAll("[data-testid=licence-adjustment-state]")[1].TextContent.ShouldContain("applied"));
        Gateway.RequestsTo(HttpMethod.Post, $"{Path}/{Second}/retry").Count.ShouldBe(1);
    }

    [Fact]
    public void Dismiss_removes_the_row_and_the_csv_link_is_the_clients()
    {
        GivenOpen(Adjustment(First, "Defender for Endpoint P1", 12, 15), Adjustment(Second, "Huntress EDR", 4, 6, "failed", error: "Pax8 answered 503"));
        Gateway.On(HttpMethod.Post, $"{Path}/{Second}/dismiss", _ => Json(Adjustment(Second, "Huntress EDR", 4, 6, "dismissed")));
        var panel = RenderPanel();
        panel.WaitForAssertion(() => panel.FindAll("[data-testid=licence-adjustment-dismiss]").Count.ShouldBe(2));

        panel.FindAll("[data-testid=licence-adjustment-dismiss]")[1].Click();

        panel.WaitForAssertion(() => panel.FindAll("[data-testid=licence-adjustment]").Count.ShouldBe(1));
        panel.Find("[data-testid=licence-adjustment]").TextContent.ShouldContain("Defender for Endpoint P1");
        Gateway.RequestsTo(HttpMethod.Post, $"{Path}/{Second}/dismiss").Count.ShouldBe(1);
        panel.Find("[data-testid=licence-adjustments-export]").GetAttribute("href")
            .ShouldBe($"reconciliation/{ClientId}/licence-adjustments.csv");
    }

    [Fact]
    public void An_approval_the_gateway_gave_up_on_shows_the_problem_and_the_rows_as_the_service_has_them()
    {
        var open = new[] { Adjustment(First, "Defender for Endpoint P1", 12, 15) };
        Gateway.On(HttpMethod.Get, Path, _ => ClientPage(open, pageSize: 200));
        Gateway.On(HttpMethod.Post, $"{Path}/{First}/approve", _ =>
        {
            // The service went on and recorded Pax8's refusal after the gateway stopped waiting.
            open = [Adjustment(First, "Defender for Endpoint P1", 12, 15, "failed", error: "Pax8 answered 503")];
            return Problem(System.Net.HttpStatusCode.GatewayTimeout, "The service did not answer in time.");
        });
        var panel = RenderPanel();
        panel.WaitForAssertion(() => panel.Find("[data-testid=licence-adjustment-approve]"));

        panel.Find("[data-testid=licence-adjustment-approve]").Click();
        panel.Find("[data-testid=licence-adjustments-confirm-yes]").Click();

        panel.WaitForAssertion(() => panel.Find("[data-testid=licence-adjustment-state]").TextContent.ShouldContain("failed"));
        panel.Find("[data-testid=licence-adjustments-error]").TextContent.ShouldContain("did not answer in time");
        panel.Find("[data-testid=licence-adjustment-retry]");
    }

    [Fact]
    public void A_reader_sees_the_adjustments_but_cannot_propose_or_approve()
    {
        SignInAs(TestUser.ReadOnly);
        GivenOpen(Adjustment(First, "Defender for Endpoint P1", 12, 15));

        var panel = RenderPanel();

        panel.WaitForAssertion(() => panel.FindAll("[data-testid=licence-adjustment]").Count.ShouldBe(1));
        panel.FindAll(ChangeButtons).ShouldBeEmpty();
        panel.FindAll("[data-testid=licence-adjustment-quantity]").ShouldBeEmpty();
    }

    [Fact]
    public void Without_a_variance_there_is_nothing_to_propose()
    {
        GivenOpen();

        var panel = RenderPanel(devices: 12, variance: 0);

        panel.WaitForAssertion(() => panel.Find("[data-testid=licence-adjustments-empty]"));
        panel.FindAll("[data-testid=licence-adjustments-propose]").ShouldBeEmpty();
    }
}

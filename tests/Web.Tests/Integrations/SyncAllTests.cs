using System.Net;
using System.Text.Json;
using BillingOne.Web.Components.Integrations;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;
using static BillingOne.Web.Tests.TestDoubles.IntegrationResponses;

namespace BillingOne.Web.Tests.Integrations;

[Trait("Category", "Unit")]
public sealed class SyncAllTests : WebUiContext
{
    private static readonly Guid Pax8RunId = Guid.Parse("9e000000-0000-4000-8000-000000000011");
    private static readonly Guid RmmRunId = Guid.Parse("9e000000-0000-4000-8000-000000000012");
    private static readonly Guid XeroRunId = Guid.Parse("9e000000-0000-4000-8000-000000000013");

    private static string TriggerOf(RecordedRequest request) =>
        JsonDocument.Parse(request.Body!).RootElement.GetProperty("trigger").GetString()!;

    [Fact]
    public void Starts_Pax8_and_the_RMM_and_shows_each_runs_progress_until_both_end()
    {
        Gateway.On(HttpMethod.Post, $"{Pax8Path}/sync", _ => Json(
            SyncRun(Pax8RunId, status: "running", stage: "Companies", itemsDone: 5, itemsTotal: 50, trigger: "sync-all"),
            HttpStatusCode.Accepted));
        Gateway.On(HttpMethod.Post, $"{RmmPath}/sync", _ => Json(
            SyncRun(RmmRunId, integration: "rmm", status: "running", stage: "Devices", itemsDone: 100, trigger: "sync-all"),
            HttpStatusCode.Accepted));
        Gateway.On(HttpMethod.Get, SyncRunPath(Pax8Integrations, Pax8RunId), _ => Json(SyncRun(Pax8RunId, added: 7)));
        Gateway.On(HttpMethod.Get, SyncRunPath(RmmIntegrations, RmmRunId), _ => Json(
            SyncRun(RmmRunId, integration: "rmm", added: 40, changed: 3)));
        var panel = Render<SyncAllPanel>();

        panel.Find("[data-testid=sync-all-start]").Click();

        panel.WaitForAssertion(() => panel.Find("[data-testid=sync-all-pax8] [data-testid=sync-run-items]").TextContent.ShouldBe("5 of 50"));
        panel.Find("[data-testid=sync-all-rmm] [data-testid=sync-run-items]").TextContent.ShouldBe("100 so far");
        panel.Find("[data-testid=sync-all-rmm] [data-testid=sync-run-bar]").HasAttribute("value").ShouldBeFalse();
        panel.Find("[data-testid=sync-all-start]").HasAttribute("disabled").ShouldBeTrue();

        Time.AdvanceAfterTimer(2, SyncRunner.PollInterval);

        panel.WaitForAssertion(() => panel.Find("[data-testid=sync-all-status]").TextContent.ShouldBe("Sync All has finished."));
        panel.Find("[data-testid=sync-all-pax8] [data-testid=sync-run-counts]").TextContent.ShouldBe("7 added · 0 changed · 0 removed");
        panel.Find("[data-testid=sync-all-rmm] [data-testid=sync-run-counts]").TextContent.ShouldBe("40 added · 3 changed · 0 removed");
        panel.Find("[data-testid=sync-all-start]").HasAttribute("disabled").ShouldBeFalse();
        TriggerOf(Gateway.RequestsTo(HttpMethod.Post, $"{Pax8Path}/sync").ShouldHaveSingleItem()).ShouldBe("sync-all");
        TriggerOf(Gateway.RequestsTo(HttpMethod.Post, $"{RmmPath}/sync").ShouldHaveSingleItem()).ShouldBe("sync-all");
    }

    [Fact]
    public void A_sync_already_running_is_followed_instead_of_failing()
    {
        Gateway.On(HttpMethod.Post, $"{Pax8Path}/sync", _ => SyncAlreadyRunning(Pax8RunId));
        Gateway.On(HttpMethod.Get, SyncRunPath(Pax8Integrations, Pax8RunId), _ => Json(
            SyncRun(Pax8RunId, status: "running", stage: "Subscriptions", itemsDone: 9, itemsTotal: 10)));
        Gateway.On(HttpMethod.Post, $"{RmmPath}/sync", _ => Json(SyncRun(RmmRunId, integration: "rmm"), HttpStatusCode.Accepted));
        var panel = Render<SyncAllPanel>();

        panel.Find("[data-testid=sync-all-start]").Click();

        panel.WaitForAssertion(() => panel.Find("[data-testid=sync-all-pax8] [data-testid=sync-run]").GetAttribute("data-run-id")
            .ShouldBe(Pax8RunId.ToString()));
        panel.Find("[data-testid=sync-all-pax8] [data-testid=sync-run-stage]").TextContent.ShouldBe("Subscriptions");
        panel.FindAll("[data-testid=sync-all-pax8-error]").ShouldBeEmpty();

        Gateway.On(HttpMethod.Get, SyncRunPath(Pax8Integrations, Pax8RunId), _ => Json(SyncRun(Pax8RunId, changed: 9)));
        Time.AdvanceAfterTimer(1, SyncRunner.PollInterval);

        panel.WaitForAssertion(() => panel.Find("[data-testid=sync-all-pax8] [data-testid=sync-run-status]").TextContent.ShouldBe("Completed"));
        panel.Find("[data-testid=sync-all-status]").TextContent.ShouldBe("Sync All has finished.");
    }

    [Fact]
    public void Each_integration_also_syncs_on_its_own()
    {
        Gateway.On(HttpMethod.Post, $"{RmmPath}/sync", _ => Json(SyncRun(RmmRunId, integration: "rmm"), HttpStatusCode.Accepted));
        var panel = Render<SyncAllPanel>();

        panel.Find("[data-testid=sync-all-rmm-start]").Click();

        panel.WaitForAssertion(() => panel.Find("[data-testid=sync-all-rmm] [data-testid=sync-run-status]").TextContent.ShouldBe("Completed"));
        Gateway.RequestsTo(HttpMethod.Post, $"{Pax8Path}/sync").ShouldBeEmpty();
        TriggerOf(Gateway.RequestsTo(HttpMethod.Post, $"{RmmPath}/sync").ShouldHaveSingleItem()).ShouldBe("manual");
    }

    [Fact]
    public void Runs_Pax8_the_RMM_Xero_and_Synergy_together()
    {
        Gateway.On(HttpMethod.Post, $"{Pax8Path}/sync", _ => Json(SyncRun(Pax8RunId, added: 1), HttpStatusCode.Accepted));
        Gateway.On(HttpMethod.Post, $"{RmmPath}/sync", _ => Json(SyncRun(RmmRunId, integration: "rmm"), HttpStatusCode.Accepted));
        Gateway.On(HttpMethod.Post, $"{XeroPath}/sync", _ => Json(SyncRun(XeroRunId, integration: "xero", added: 12), HttpStatusCode.Accepted));
        Gateway.On(HttpMethod.Post, $"{SynergyPath}/sync", _ => Json(SyncRun(Guid.NewGuid(), integration: "synergy"), HttpStatusCode.Accepted));
        var panel = Render<SyncAllPanel>();

        panel.FindAll(".sync-all-run h3").Select(title => title.TextContent).ShouldBe(["Pax8", "RMM", "Xero", "Synergy Wholesale"]);
        panel.FindAll("[data-testid=sync-all] .sync-runner").Select(runner => runner.GetAttribute("data-integration"))
            .ShouldBe(["pax8", "rmm", "xero", "synergy"]);
        panel.Find("[data-testid=sync-all-start]").Click();

        panel.WaitForAssertion(() => panel.Find("[data-testid=sync-all-status]").TextContent.ShouldBe("Sync All has finished."));
        panel.Find("[data-testid=sync-all-xero] [data-testid=sync-run-counts]").TextContent.ShouldBe("12 added · 0 changed · 0 removed");
        foreach (var path in new[] { Pax8Path, RmmPath, XeroPath, SynergyPath })
        {
            TriggerOf(Gateway.RequestsTo(HttpMethod.Post, $"{path}/sync").ShouldHaveSingleItem()).ShouldBe("sync-all");
        }
    }

    [Fact]
    public void An_integration_not_set_up_shows_its_problem_while_the_others_sync()
    {
        Gateway.On(HttpMethod.Post, $"{Pax8Path}/sync", _ => Json(SyncRun(Pax8RunId, added: 3), HttpStatusCode.Accepted));
        Gateway.On(HttpMethod.Post, $"{RmmPath}/sync", _ => Json(SyncRun(RmmRunId, integration: "rmm"), HttpStatusCode.Accepted));
        Gateway.On(HttpMethod.Post, $"{XeroPath}/sync", _ => Problem(HttpStatusCode.Conflict, "Xero is not connected.",
            "Connect Xero in Settings → Integrations."));
        Gateway.On(HttpMethod.Post, $"{SynergyPath}/sync", _ => Problem(HttpStatusCode.ServiceUnavailable, "Reconciliation service unavailable"));
        var panel = Render<SyncAllPanel>();

        panel.Find("[data-testid=sync-all-start]").Click();

        panel.WaitForAssertion(() => panel.Find("[data-testid=sync-all-status]").TextContent.ShouldBe("Sync All has finished."));
        panel.Find("[data-testid=sync-all-xero-error]").TextContent.ShouldContain("Xero: Xero is not connected.");
        panel.Find("[data-testid=sync-all-synergy-error]").TextContent.ShouldContain("Synergy Wholesale: Reconciliation service unavailable");
        panel.Find("[data-testid=sync-all-pax8] [data-testid=sync-run-counts]").TextContent.ShouldBe("3 added · 0 changed · 0 removed");
        panel.Find("[data-testid=sync-all-rmm] [data-testid=sync-run-status]").TextContent.ShouldBe("Completed");
        panel.FindAll("[data-testid=sync-all-pax8-error]").ShouldBeEmpty();
    }
}

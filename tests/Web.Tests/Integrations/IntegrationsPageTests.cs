using System.Net;
using System.Text.Json;
using BillingOne.Web.Components.Integrations;
using BillingOne.Web.Components.Pages.Settings;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;
using static BillingOne.Web.Tests.TestDoubles.IntegrationResponses;

namespace BillingOne.Web.Tests.Integrations;

[Trait("Category", "Unit")]
public sealed class IntegrationsPageTests : WebUiContext
{
    private static readonly Guid RunId = Guid.Parse("9e000000-0000-4000-8000-000000000001");

    private IRenderedComponent<IntegrationsTab> RenderLoaded()
    {
        var page = Render<IntegrationsTab>();
        page.WaitForElement("[data-testid=integration-pax8]");
        page.WaitForElement("[data-testid=integration-rmm]");
        return page;
    }

    private static JsonElement BodyOf(RecordedRequest request) => JsonDocument.Parse(request.Body!).RootElement;

    [Fact]
    public void Lists_the_integrations_of_both_services_with_where_their_settings_come_from()
    {
        Gateway.ServeIntegrations(Pax8(), Rmm());

        var page = RenderLoaded();

        var pax8 = page.Find("[data-testid=integration-pax8]");
        pax8.QuerySelector("h2")!.TextContent.ShouldBe("Pax8");
        pax8.QuerySelector("[data-testid=integration-source]")!.TextContent.ShouldBe("Using the settings saved for your organization.");
        pax8.QuerySelector("[data-testid=integration-field-clientId]")!.GetAttribute("value").ShouldBe("pax8-client-42");
        pax8.QuerySelector("[data-testid=integration-field-baseUrl]")!.GetAttribute("type").ShouldBe("url");
        pax8.QuerySelector("[data-testid=integration-schedule]")!.GetAttribute("value").ShouldBe("60");
        pax8.TextContent.ShouldContain("Next sync 2025-03-14 10:00 UTC.");
        pax8.QuerySelector("[data-testid=integration-last-sync]")!.TextContent.ShouldContain("Never synced.");
        var rmm = page.Find("[data-testid=integration-rmm]");
        rmm.QuerySelector("[data-testid=integration-source]")!.TextContent
            .ShouldBe("Using the deployment's default connection (sandbox).");
        rmm.QuerySelector("[data-testid=integration-field-region]")!.GetAttribute("value").ShouldBe("eu");
        rmm.QuerySelector("[data-testid=integration-schedule]")!.GetAttribute("value").ShouldBe(string.Empty);
        page.WaitForElement("[data-testid=xero-connection]");
        page.Find("[data-testid=xero-account-mappings]");
    }

    [Fact]
    public void A_stored_secret_is_never_shown_and_saving_without_typing_one_keeps_it()
    {
        Gateway.ServeIntegrations(Pax8(), Rmm());
        Gateway.On(HttpMethod.Put, Pax8Path, _ => Json(Pax8()));
        var page = RenderLoaded();

        var secret = page.Find("[data-testid=integration-pax8] [data-testid=integration-field-clientSecret]");
        secret.GetAttribute("type").ShouldBe("password");
        secret.GetAttribute("value").ShouldBeNullOrEmpty();
        secret.GetAttribute("placeholder").ShouldBe("•••••• (set)");
        page.Find("[data-testid=integration-rmm] [data-testid=integration-field-clientSecret]").GetAttribute("placeholder")
            .ShouldBe("Not set");

        page.Find("[data-testid=integration-pax8] [data-testid=integration-form]").Submit();

        page.WaitForAssertion(() => page.Find("[data-testid=integration-save-status]").TextContent.ShouldBe("Saved."));
        var body = BodyOf(Gateway.RequestsTo(HttpMethod.Put, Pax8Path).ShouldHaveSingleItem());
        body.GetProperty("enabled").GetBoolean().ShouldBeTrue();
        body.GetProperty("syncIntervalMinutes").GetInt32().ShouldBe(60);
        var values = body.GetProperty("values");
        values.GetProperty("clientId").GetString().ShouldBe("pax8-client-42");
        values.TryGetProperty("clientSecret", out _).ShouldBeFalse();
    }

    [Fact]
    public void A_typed_secret_is_saved_and_a_cleared_one_is_sent_empty()
    {
        Gateway.ServeIntegrations(Pax8(), Rmm());
        Gateway.On(HttpMethod.Put, Pax8Path, _ => Json(Pax8()));
        var page = RenderLoaded();

        page.Find("[data-testid=integration-pax8] [data-testid=integration-field-clientSecret]").Change("new-secret");
        page.Find("[data-testid=integration-pax8] [data-testid=integration-schedule]").Change(string.Empty);
        page.Find("[data-testid=integration-pax8] [data-testid=integration-form]").Submit();

        page.WaitForAssertion(() => Gateway.RequestsTo(HttpMethod.Put, Pax8Path).ShouldHaveSingleItem());
        var saved = BodyOf(Gateway.RequestsTo(HttpMethod.Put, Pax8Path)[0]);
        saved.GetProperty("values").GetProperty("clientSecret").GetString().ShouldBe("new-secret");
        saved.GetProperty("syncIntervalMinutes").ValueKind.ShouldBe(JsonValueKind.Null);

        page.WaitForElement("[data-testid=integration-save-status]");
        page.Find("[data-testid=integration-pax8] [data-testid=integration-field-clientSecret]").GetAttribute("value")
            .ShouldBeNullOrEmpty("a saved secret is not shown again");
        page.Find("[data-testid=integration-pax8] [data-testid=integration-clear-clientSecret]").Change(true);
        page.Find("[data-testid=integration-pax8] [data-testid=integration-form]").Submit();

        page.WaitForAssertion(() => Gateway.RequestsTo(HttpMethod.Put, Pax8Path).Count.ShouldBe(2));
        BodyOf(Gateway.RequestsTo(HttpMethod.Put, Pax8Path)[1]).GetProperty("values").GetProperty("clientSecret").GetString()
            .ShouldBe(string.Empty);
    }

    [Fact]
    public void Validation_messages_show_next_to_their_setting()
    {
        Gateway.ServeIntegrations(Pax8(), Rmm());
        Gateway.On(HttpMethod.Put, Pax8Path, _ => Problem(HttpStatusCode.BadRequest, "One or more validation errors occurred.",
            errors: new Dictionary<string, string[]> { ["values.clientId"] = ["Client ID is required."] }));
        var page = RenderLoaded();

        page.Find("[data-testid=integration-pax8] [data-testid=integration-field-clientId]").Change(string.Empty);
        page.Find("[data-testid=integration-pax8] [data-testid=integration-form]").Submit();

        page.WaitForElement("[data-testid=integration-pax8-clientId-errors]").TextContent.ShouldContain("Client ID is required.");
        page.Find("[data-testid=integration-save-error]").TextContent.ShouldContain("One or more validation errors occurred.");
        page.Find("[data-testid=integration-save-error]").QuerySelector("ul").ShouldBeNull("the message is shown by its field");
    }

    [Fact]
    public void Test_connectivity_tries_the_typed_values_and_shows_the_result()
    {
        Gateway.ServeIntegrations(Pax8(lastTest: ConnectionTest(true, "Connected to Pax8.")), Rmm());
        Gateway.On(HttpMethod.Post, $"{Pax8Path}/test", _ => Json(ConnectionTest(false, "Pax8 refused the client secret (401).")));
        var page = RenderLoaded();
        page.Find("[data-testid=integration-pax8] [data-testid=integration-test-result]").TextContent.ShouldContain("Connected to Pax8.");

        page.Find("[data-testid=integration-pax8] [data-testid=integration-field-clientSecret]").Change("typo");
        page.Find("[data-testid=integration-pax8] [data-testid=integration-test]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=integration-pax8] [data-testid=integration-test-result]").TextContent
            .ShouldContain("Pax8 refused the client secret (401)."));
        page.Find("[data-testid=integration-pax8] [data-testid=integration-test-result]").TextContent.ShouldContain("Failed");
        BodyOf(Gateway.RequestsTo(HttpMethod.Post, $"{Pax8Path}/test").ShouldHaveSingleItem())
            .GetProperty("values").GetProperty("clientSecret").GetString().ShouldBe("typo");
    }

    [Fact]
    public void The_last_sync_shows_its_counts_duration_error_and_what_it_skipped()
    {
        Gateway.ServeIntegrations(
            Pax8(lastSync: SyncRun(RunId, status: "failed", added: 12, changed: 3, removed: 1, error: "Pax8 answered 503.",
                skipped: [new { what = "companies page 4", reason = "timed out" }],
                breakdown: new { subscriptions = new { added = 12, changed = 3, removed = 1 } })),
            Rmm());
        Gateway.On(HttpMethod.Get, $"{Pax8Path}/sync-runs", request => MeteringResponses.Paged(request,
            [SyncRun(RunId, status: "failed", added: 12, changed: 3, removed: 1)]));

        var page = RenderLoaded();

        var lastSync = page.Find("[data-testid=integration-pax8] [data-testid=integration-last-sync]");
        lastSync.QuerySelector("[data-testid=sync-run-status]")!.TextContent.ShouldBe("Failed");
        lastSync.QuerySelector("[data-testid=sync-run-counts]")!.TextContent.ShouldBe("12 added · 3 changed · 1 removed");
        lastSync.QuerySelector("[data-testid=sync-run-finished]")!.TextContent.ShouldContain("2025-03-14 09:00 UTC in 42 s");
        lastSync.QuerySelector("[data-testid=sync-run-error]")!.TextContent.ShouldBe("Pax8 answered 503.");
        lastSync.QuerySelector("[data-testid=sync-run-skipped]")!.TextContent.ShouldContain("companies page 4: timed out");
        lastSync.QuerySelector("[data-testid=sync-run-breakdown]")!.TextContent.ShouldContain("subscriptions: 12 added");
        page.WaitForAssertion(() => page.FindAll("[data-testid=integration-pax8] [data-testid=integration-history-row]").Count.ShouldBe(1));
        page.Find("[data-testid=integration-rmm] [data-testid=integration-history-empty]").TextContent.ShouldBe("No runs yet.");
    }

    [Fact]
    public void Sync_now_follows_the_run_every_second_until_it_ends_then_shows_it_as_the_last_sync()
    {
        Gateway.ServeIntegrations(Pax8(), Rmm());
        Gateway.On(HttpMethod.Post, $"{Pax8Path}/sync", _ => Json(SyncRun(RunId, status: "queued"), HttpStatusCode.Accepted));
        Gateway.On(HttpMethod.Get, SyncRunPath(Pax8Integrations, RunId), _ => Json(
            SyncRun(RunId, status: "running", stage: "Subscriptions", itemsDone: 30, itemsTotal: 120, added: 4)));
        var page = RenderLoaded();

        page.Find("[data-testid=integration-pax8] [data-testid=integration-sync-start]").Click();
        page.WaitForAssertion(() => page.Find("[data-testid=integration-pax8] [data-testid=integration-sync] [data-testid=sync-run-status]")
            .TextContent.ShouldBe("Queued"));
        Time.AdvanceAfterTimer(1, SyncRunner.PollInterval);

        page.WaitForAssertion(() => page.Find("[data-testid=integration-pax8] [data-testid=sync-run-items]").TextContent.ShouldBe("30 of 120"));
        page.Find("[data-testid=integration-pax8] [data-testid=sync-run-stage]").TextContent.ShouldBe("Subscriptions");
        page.Find("[data-testid=integration-pax8] [data-testid=sync-run-bar]").GetAttribute("max").ShouldBe("120");
        page.Find("[data-testid=integration-pax8] [data-testid=integration-sync-start]").TextContent.Trim().ShouldBe("Syncing…");

        var finished = SyncRun(RunId, added: 10, changed: 2);
        Gateway.On(HttpMethod.Get, SyncRunPath(Pax8Integrations, RunId), _ => Json(finished));
        Gateway.On(HttpMethod.Get, Pax8Path, _ => Json(Pax8(lastSync: finished)));
        Time.AdvanceAfterTimer(2, SyncRunner.PollInterval);

        page.WaitForAssertion(() => page.Find("[data-testid=integration-pax8] [data-testid=integration-last-sync] [data-testid=sync-run-counts]")
            .TextContent.ShouldBe("10 added · 2 changed · 0 removed"));
        page.FindAll("[data-testid=integration-pax8] [data-testid=integration-sync] [data-testid=sync-run]").ShouldBeEmpty();
        BodyOf(Gateway.RequestsTo(HttpMethod.Post, $"{Pax8Path}/sync").ShouldHaveSingleItem()).GetProperty("trigger").GetString()
            .ShouldBe("manual");
    }

    [Fact]
    public void A_sync_that_cannot_start_shows_the_problem()
    {
        Gateway.ServeIntegrations(Pax8(settingsSource: "none", secretSet: false), Rmm());
        Gateway.On(HttpMethod.Post, $"{Pax8Path}/sync", _ => Problem(HttpStatusCode.Conflict, "Pax8 is not set up."));
        var page = RenderLoaded();
        page.Find("[data-testid=integration-pax8] [data-testid=integration-source]").TextContent
            .ShouldBe("Not set up yet: enter its settings and save.");

        page.Find("[data-testid=integration-pax8] [data-testid=integration-sync-start]").Click();

        page.WaitForElement("[data-testid=integration-sync-error]").TextContent.ShouldContain("Pax8: Pax8 is not set up.");
    }

    [Fact]
    public void Finance_may_test_and_sync_but_sees_the_settings_read_only()
    {
        SignInAs(TestUser.Finance);
        Gateway.ServeIntegrations(Pax8(), Rmm());

        var page = RenderLoaded();

        page.FindAll("[data-testid=integration-save]").ShouldBeEmpty();
        page.FindAll("[data-testid=integration-clear-clientSecret]").ShouldBeEmpty();
        page.Find("[data-testid=integration-pax8] fieldset").HasAttribute("disabled").ShouldBeTrue();
        page.Find("[data-testid=integration-pax8] [data-testid=integration-read-only]").TextContent
            .ShouldBe("Only owners and admins can change integration settings.");
        page.FindAll("[data-testid=integration-test]").Count.ShouldBe(2);
        page.FindAll("[data-testid=integration-sync-start]").Count.ShouldBe(2);
    }

    [Fact]
    public void A_read_only_user_can_neither_test_nor_sync()
    {
        SignInAs(TestUser.ReadOnly);
        Gateway.ServeIntegrations(Pax8(), Rmm());

        var page = RenderLoaded();

        page.FindAll("[data-testid=integration-test]").ShouldBeEmpty();
        page.FindAll("[data-testid=integration-sync-start]").ShouldBeEmpty();
        page.FindAll("[data-testid=sync-all-start]").ShouldBeEmpty();
        page.Find("[data-testid=sync-all-read-only]").TextContent.ShouldContain("Only owners, admins and finance");
    }

    [Fact]
    public void One_service_failing_still_shows_the_others_integrations()
    {
        Gateway.ServeIntegrations(Pax8(), Rmm());
        Gateway.On(HttpMethod.Get, RmmIntegrations, _ => Problem(HttpStatusCode.ServiceUnavailable, "Reconciliation service unavailable"));

        var page = Render<IntegrationsTab>();

        page.WaitForElement("[data-testid=integration-pax8]");
        page.WaitForElement("[data-testid=integrations-error]").TextContent
            .ShouldContain("Could not load integrations: Reconciliation service unavailable");
    }
}

using System.Net;
using System.Text.Json;
using BillingOne.Web.Components.Integrations;
using BillingOne.Web.Components.Pages;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using static BillingOne.Web.Tests.Reconciliation.ReconciliationResponses;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;
using static BillingOne.Web.Tests.TestDoubles.IntegrationResponses;
using static BillingOne.Web.Tests.TestDoubles.MeteringResponses;

namespace BillingOne.Web.Tests.Reconciliation;

[Trait("Category", "Unit")]
public sealed class SyncToolsPageTests : WebUiContext
{
    private const string ProductId = "a1b2c3d4-0000-4000-8000-000000000001";
    private static readonly Guid XeroRunId = Guid.Parse("9e000000-0000-4000-8000-000000000051");
    private static readonly Guid Pax8RunId = Guid.Parse("9e000000-0000-4000-8000-000000000052");
    private static readonly Guid RmmRunId = Guid.Parse("9e000000-0000-4000-8000-000000000053");

    private static readonly DateTimeOffset NextRun = new(2025, 4, 1, 2, 0, 0, TimeSpan.Zero);

    public SyncToolsPageTests()
    {
        Gateway.On(HttpMethod.Get, Pax8Integrations, _ => Json(new[] { Pax8(lastSync: SyncRun(Pax8RunId, added: 7)) }));
        Gateway.On(HttpMethod.Get, RmmIntegrations, _ => Json(new[] { Rmm() }));
        Gateway.On(HttpMethod.Get, InvoiceIntegrations, _ => Json(new[]
        {
            Accounting("xero", "Xero", settingsSource: "saved"),
            Accounting("superops", "SuperOps", settingsSource: "none"),
        }));
        Gateway.On(HttpMethod.Get, SchedulePath, _ => Json(new { enabled = true, dayOfMonth = 1, hourUtc = 2, nextRunAt = NextRun }));
        ServeCatalog(Product("Microsoft 365 Business Premium", licenceUnit: "user", source: "pax8"));
    }

    private static object Accounting(string name, string displayName, string settingsSource) => new
    {
        name,
        displayName,
        category = "accounting",
        settingsSource,
        enabled = true,
        fields = Array.Empty<object>(),
        syncIntervalMinutes = (int?)null,
        nextSyncAt = (DateTimeOffset?)null,
        lastTest = (object?)null,
        lastSync = (object?)null,
    };

    private static object Product(string name, string? licenceUnit, string source, decimal? unitPrice = 32.90m, string productId = ProductId) => new
    {
        productId,
        name,
        vendorName = "Microsoft",
        sku = "CFQ7TTC0LCHC",
        licenceUnit,
        unitPrice,
        currency = "AUD",
        source,
        activeSubscriptions = 3,
        activeQuantity = 42m,
    };

    private void ServeCatalog(params object[] products) =>
        Gateway.On(HttpMethod.Get, CatalogPath, request => Paged(request, products));

    private IRenderedComponent<SyncTools> RenderLoaded()
    {
        var page = Render<SyncTools>();
        page.WaitForElement("[data-testid=catalog-table]");
        page.WaitForAssertion(() => page.FindAll("[data-testid=full-reconcile-start][disabled]").ShouldBeEmpty());
        return page;
    }

    [Fact]
    public void Offers_the_device_snapshot_the_catalog_sync_and_only_the_contacts_syncs_that_are_set_up()
    {
        var page = RenderLoaded();

        page.Find("[data-testid=sync-tools-rmm-start]").TextContent.Trim().ShouldBe("Snapshot Now");
        page.Find("[data-testid=sync-tools-pax8-start]").TextContent.Trim().ShouldBe("Sync catalog");
        page.Find("[data-testid=sync-tools-xero-start]").TextContent.Trim().ShouldBe("Sync Xero");
        page.FindAll("[data-testid=sync-tools-superops-start]").ShouldBeEmpty();
        page.Find("[data-testid=sync-tool-pax8] [data-testid=last-sync] [data-testid=sync-run-counts]").TextContent
            .ShouldBe("7 added · 0 changed · 0 removed");
        page.Find("[data-testid=sync-tool-rmm] [data-testid=last-sync]").TextContent.Trim().ShouldBe("Never synced.");
        page.FindAll("[data-testid=full-reconcile-step]").Select(step => (step.GetAttribute("data-integration"),
                step.QuerySelector("[data-testid=full-reconcile-step-state]")!.TextContent))
            .ShouldBe([("xero", "Ready"), ("superops", "Not set up"), ("pax8", "Ready"), ("rmm", "Ready")]);
    }

    [Fact]
    public void Full_reconcile_runs_contacts_then_the_catalog_then_the_device_snapshot_and_shows_each_steps_state()
    {
        Gateway.On(HttpMethod.Post, $"{XeroPath}/sync", _ => Json(
            SyncRun(XeroRunId, integration: "xero", status: "running", stage: "Contacts", trigger: "sync-all"), HttpStatusCode.Accepted));
        Gateway.On(HttpMethod.Get, SyncRunPath(InvoiceIntegrations, XeroRunId), _ => Json(SyncRun(XeroRunId, integration: "xero", changed: 4)));
        Gateway.On(HttpMethod.Post, $"{Pax8Path}/sync", _ => Json(SyncRun(Pax8RunId, added: 2, trigger: "sync-all"), HttpStatusCode.Accepted));
        Gateway.On(HttpMethod.Post, $"{RmmPath}/sync", _ => Json(
            SyncRun(RmmRunId, integration: "rmm", status: "failed", error: "NinjaOne refused the credentials."), HttpStatusCode.Accepted));
        var page = RenderLoaded();

        page.Find("[data-testid=full-reconcile-start]").Click();

        page.WaitForAssertion(() => StepStates(page).ShouldBe(["Running", "Not set up", "Waiting", "Waiting"]));
        Gateway.RequestsTo(HttpMethod.Post, $"{Pax8Path}/sync").ShouldBeEmpty();

        Time.AdvanceAfterTimer(1, SyncRunner.PollInterval);

        page.WaitForAssertion(() => page.Find("[data-testid=full-reconcile-status]").TextContent
            .ShouldBe("Full reconcile has finished; 1 step failed."));
        StepStates(page).ShouldBe(["Completed", "Not set up", "Completed", "Failed"]);
        Gateway.Requests.Where(request => request.Method == HttpMethod.Post).Select(request => request.Path)
            .ShouldBe([$"{XeroPath}/sync", $"{Pax8Path}/sync", $"{RmmPath}/sync"]);
        Gateway.RequestsTo(HttpMethod.Post, $"{RmmPath}/sync").ShouldAllBe(request =>
            JsonDocument.Parse(request.Body!).RootElement.GetProperty("trigger").GetString() == "sync-all");
        Gateway.RequestsTo(HttpMethod.Post, $"{SuperOpsPath}/sync").ShouldBeEmpty();
        // The catalog reloads after its sync; the last results after each.
        Gateway.RequestsTo(HttpMethod.Get, CatalogPath).Count.ShouldBe(2);
    }

    private static IEnumerable<string> StepStates(IRenderedComponent<SyncTools> page) =>
        page.FindAll("[data-testid=full-reconcile-step-state]").Select(state => state.TextContent);

    [Fact]
    public void The_catalog_lists_each_products_licence_price_use_and_source()
    {
        ServeCatalog(
            Product("Microsoft 365 Business Premium", licenceUnit: "user", source: "pax8"),
            Product("Datto EDR", licenceUnit: "device", source: "manual", unitPrice: 4.5m, productId: "edr"),
            Product("Setup fee", licenceUnit: null, source: "pax8", unitPrice: null, productId: "fee"));

        var page = RenderLoaded();

        page.FindAll("[data-testid=catalog-row]").Select(row => row.QuerySelectorAll("td").Skip(2).Take(4)
                .Select(cell => string.Join(' ', cell.TextContent.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries))).ToList())
            .ToList().ShouldBe([
                ["Per user", "AUD 32.90", "42 in 3", "pax8"],
                ["Per device", "AUD 4.50", "42 in 3", "manual"],
                ["Neither", "—", "42 in 3", "pax8"],
            ]);
        page.FindAll("[data-testid=catalog-reset]").Count.ShouldBe(1);
    }

    [Fact]
    public void A_catalog_edit_the_service_refuses_shows_its_message_by_the_field()
    {
        Gateway.On(HttpMethod.Put, $"{CatalogPath}/{ProductId}", _ => Problem(HttpStatusCode.BadRequest,
            "One or more validation errors occurred.",
            errors: new Dictionary<string, string[]> { ["unitPrice"] = ["The unit price must not be negative."] }));
        var page = RenderLoaded();

        page.Find("[data-testid=catalog-edit]").Click();
        page.Find("[data-testid=catalog-unit-input]").Change("device");
        page.Find("[data-testid=catalog-price-input]").Change("-1");
        page.Find("[data-testid=catalog-save]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=catalog-price-errors]").TextContent.Trim()
            .ShouldBe("The unit price must not be negative."));
        page.Find("[data-testid=catalog-price-input]").GetAttribute("aria-invalid").ShouldBe("true");
        page.FindAll("[data-testid=catalog-unit-errors]").ShouldBeEmpty();
        var sent = JsonDocument.Parse(Gateway.RequestsTo(HttpMethod.Put, $"{CatalogPath}/{ProductId}").ShouldHaveSingleItem().Body!).RootElement;
        sent.GetProperty("licenceUnit").GetString().ShouldBe("device");
        sent.GetProperty("unitPrice").GetDecimal().ShouldBe(-1m);
    }

    [Fact]
    public void A_price_that_is_not_a_number_is_refused_before_anything_is_sent()
    {
        var page = RenderLoaded();

        page.Find("[data-testid=catalog-edit]").Click();
        page.Find("[data-testid=catalog-price-input]").Change("twelve");
        page.Find("[data-testid=catalog-save]").Click();

        page.Find("[data-testid=catalog-price-errors]").TextContent.Trim().ShouldStartWith("“twelve” is not a number");
        Gateway.RequestsTo(HttpMethod.Put, $"{CatalogPath}/{ProductId}").ShouldBeEmpty();
    }

    [Fact]
    public void Saving_a_products_licence_then_resetting_it_to_Pax8_reloads_the_catalog_each_time()
    {
        Gateway.On(HttpMethod.Put, $"{CatalogPath}/{ProductId}", _ => Json(Product("Microsoft 365 Business Premium", "device", "manual")));
        Gateway.On(HttpMethod.Delete, $"{CatalogPath}/{ProductId}", _ => new HttpResponseMessage(HttpStatusCode.NoContent));
        var page = RenderLoaded();

        page.Find("[data-testid=catalog-edit]").Click();
        page.Find("[data-testid=catalog-unit-input]").Change("device");
        ServeCatalog(Product("Microsoft 365 Business Premium", licenceUnit: "device", source: "manual"));
        page.Find("[data-testid=catalog-save]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=catalog-status]").TextContent
            .ShouldBe("Saved “Microsoft 365 Business Premium”: per device."));
        page.Find("[data-testid=catalog-source]").TextContent.Trim().ShouldBe("manual");
        var sent = JsonDocument.Parse(Gateway.RequestsTo(HttpMethod.Put, $"{CatalogPath}/{ProductId}").ShouldHaveSingleItem().Body!).RootElement;
        sent.GetProperty("unitPrice").GetDecimal().ShouldBe(32.90m);

        ServeCatalog(Product("Microsoft 365 Business Premium", licenceUnit: "user", source: "pax8"));
        page.Find("[data-testid=catalog-reset]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=catalog-source]").TextContent.Trim().ShouldBe("pax8"));
        Gateway.RequestsTo(HttpMethod.Delete, $"{CatalogPath}/{ProductId}").ShouldHaveSingleItem();
    }

    [Fact]
    public void An_admin_changes_the_snapshot_schedule_and_the_services_refusal_shows_by_its_field()
    {
        Gateway.On(HttpMethod.Put, SchedulePath, _ => Problem(HttpStatusCode.BadRequest, "One or more validation errors occurred.",
            errors: new Dictionary<string, string[]> { ["dayOfMonth"] = ["The day of the month is 1–28."] }));
        var page = RenderLoaded();
        page.WaitForAssertion(() => page.Find("[data-testid=snapshot-schedule-day]").GetAttribute("value").ShouldBe("1"));

        page.Find("[data-testid=snapshot-schedule-day]").Change("31");
        page.Find("[data-testid=snapshot-schedule-form]").Submit();

        page.WaitForAssertion(() => page.Find("[data-testid=snapshot-schedule-day-errors]").TextContent.Trim()
            .ShouldBe("The day of the month is 1–28."));

        Gateway.On(HttpMethod.Put, SchedulePath, _ => Json(new { enabled = true, dayOfMonth = 28, hourUtc = 2, nextRunAt = NextRun.AddDays(27) }));
        page.Find("[data-testid=snapshot-schedule-day]").Change("28");
        page.Find("[data-testid=snapshot-schedule-form]").Submit();

        page.WaitForAssertion(() => page.Find("[data-testid=snapshot-schedule-status]").TextContent
            .ShouldBe("Saved. A snapshot is taken on day 28 of every month at 02:00 UTC."));
        var sent = JsonDocument.Parse(Gateway.RequestsTo(HttpMethod.Put, SchedulePath)[^1].Body!).RootElement;
        (sent.GetProperty("enabled").GetBoolean(), sent.GetProperty("dayOfMonth").GetInt32(), sent.GetProperty("hourUtc").GetInt32())
            .ShouldBe((true, 28, 2));
        sent.TryGetProperty("nextRunAt", out _).ShouldBeFalse();
        page.Find("[data-testid=snapshot-schedule-next] time").GetAttribute("datetime").ShouldStartWith("2025-04-28T02:00:00");
    }

    [Fact]
    public void A_read_only_user_sees_the_schedule_and_catalog_but_cannot_start_or_change_anything()
    {
        SignInAs(TestUser.ReadOnly);

        var page = RenderLoaded();

        page.WaitForAssertion(() => page.Find("[data-testid=snapshot-schedule-text]").TextContent
            .ShouldBe("A snapshot is taken on day 1 of every month at 02:00 UTC."));
        page.Find("[data-testid=snapshot-schedule-next] time").GetAttribute("datetime").ShouldStartWith("2025-04-01T02:00:00");
        page.Find("[data-testid=sync-tools-read-only]");
        page.FindAll($"{ChangeButtons}:not([data-testid=catalog-prev]):not([data-testid=catalog-next])").ShouldBeEmpty();
        page.FindAll("[data-testid=snapshot-schedule-form]").ShouldBeEmpty();
    }
}

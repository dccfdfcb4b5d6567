using BillingOne.DemoSeeder.Gateway;
using BillingOne.DemoSeeder.Sandbox;
using BillingOne.DemoSeeder.Seeding;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace BillingOne.DemoSeeder.Tests;

/// <summary>
/// Seeding the vendor data against <see cref="StubGateway"/> and a stubbed sandbox client list: which clients are
/// created, how Xero is connected through a stubbed sandbox consent page, how the syncs are started and followed, and
/// which outcomes are only warnings.
/// </summary>
[Trait("Category", "Integration")]
public sealed class VendorSyncSeederTests : IDisposable
{
    private const string Pax8 = "subscription/pax8";
    private const string Rmm = "reconciliation/rmm";
    private const string Xero = "invoice/xero";
    private const string Synergy = "reconciliation/synergy";
    private const string SuperOps = "invoice/superops";

    private static readonly SandboxClient[] SandboxClients =
    [
        new(1, "Acme Pty Ltd", "Australia/Sydney"),
        new(2, "Bluegum Dental", "Australia/Perth"),
        new(3, "Coastal Freight", "Pacific/Auckland"),
    ];

    private readonly StubGateway _gateway = new();
    private readonly WireMockServer _sandbox = WireMockServer.Start();
    private readonly HttpClient _gatewayHttp;
    private readonly HttpClient _sandboxHttp;
    private readonly HttpClient _consentHttp = new(new HttpClientHandler { AllowAutoRedirect = false });
    private readonly RecordingLogger _logger = new();

    public VendorSyncSeederTests()
    {
        _gatewayHttp = new HttpClient { BaseAddress = _gateway.Url };
        _sandboxHttp = new HttpClient { BaseAddress = new Uri(_sandbox.Url!) };
        _sandbox.Given(Request.Create().WithPath("/sandbox/billingone-clients").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(SandboxClients));
        // The consent page's form posted with decision=allow: back to redirect_uri with a code and the state.
        _sandbox.Given(Request.Create().WithPath("/xero/identity/connect/authorize").UsingPost())
            .RespondWith(Response.Create().WithCallback(request =>
            {
                var form = System.Web.HttpUtility.ParseQueryString(request.Body ?? "");
                var answer = form["decision"] == "allow" ? "code=sandbox-code" : "error=access_denied";
                return new WireMock.ResponseMessage
                {
                    StatusCode = 302,
                    Headers = new Dictionary<string, WireMock.Types.WireMockList<string>>
                    {
                        ["Location"] = new($"{form["redirect_uri"]}?{answer}&state={form["state"]}"),
                    },
                };
            }));
        _gateway.XeroAuthorizeAddress = new Uri(new Uri(_sandbox.Url!), "/xero/identity/connect/authorize");
    }

    public void Dispose()
    {
        _gatewayHttp.Dispose();
        _sandboxHttp.Dispose();
        _consentHttp.Dispose();
        _sandbox.Stop();
        _gateway.Dispose();
    }

    private Task<VendorSeedSummary?> SeedAsync(bool withSandbox = true, SeederTimings? timings = null)
    {
        var api = new GatewayApi(_gatewayHttp, StubGateway.AdminApiKey, TestTimings.Quick, TimeProvider.System);
        return new VendorSyncSeeder(api, withSandbox ? new SandboxApi(_sandboxHttp) : null, timings ?? TestTimings.Quick,
            TimeProvider.System, _logger, new XeroConsent(_consentHttp)).RunAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Creates_the_sandbox_s_clients_the_organization_lacks_with_their_time_zones_and_a_re_run_creates_none()
    {
        _gateway.AddExistingClient("ACME PTY LTD");

        var first = await SeedAsync();
        var second = await SeedAsync();

        (first!.ClientsWanted, first.ClientsCreated).ShouldBe((3, 2));
        _gateway.ClientTimeZones.ShouldBe(new Dictionary<string, string?>
        {
            ["Bluegum Dental"] = "Australia/Perth",
            ["Coastal Freight"] = "Pacific/Auckland",
        }, ignoreOrder: true);
        (second!.ClientsWanted, second.ClientsCreated).ShouldBe((3, 0));
        _gateway.Calls().Count(call => call == "POST /api/subscription/clients").ShouldBe(2);
    }

    [Fact]
    public async Task A_client_created_by_someone_else_meanwhile_counts_as_existing()
    {
        _gateway.AddClientCreatedMeanwhile("Coastal Freight");

        var summary = await SeedAsync();

        summary!.ClientsCreated.ShouldBe(2);
        _gateway.Calls().Count(call => call == "POST /api/subscription/clients").ShouldBe(3);
    }

    [Fact]
    public async Task Starts_pax8_rmm_xero_and_synergy_syncs_as_sync_all_before_waiting_for_any_then_reads_the_mapping_summary()
    {
        var summary = await SeedAsync();

        var syncCalls = _gateway.Calls().Where(call => call.Contains("/integrations/", StringComparison.Ordinal)).ToList();
        syncCalls.Take(4).ShouldBe([
            "POST /api/subscription/integrations/pax8/sync",
            "POST /api/reconciliation/integrations/rmm/sync",
            "POST /api/invoice/integrations/xero/sync",
            "POST /api/reconciliation/integrations/synergy/sync",
        ]);
        _gateway.SyncRuns.Select(run => (run.Integration, run.Trigger)).ShouldBe(
            [(Pax8, "sync-all"), (Rmm, "sync-all"), (Xero, "sync-all"), (Synergy, "sync-all")]);
        summary!.Syncs.ShouldAllBe(outcome => outcome.Completed);
        summary.Syncs.Select(outcome => outcome.Run!.Breakdown!["items"].Added).ShouldBe([1800, 1800, 1800, 1800]);
        _gateway.Calls()[^1].ShouldBe("GET /api/subscription/mappings/summary");
        summary.Mappings["pax8"].ShouldBe(new MappingCounts(292, 250, 42, 30));
        summary.Mappings["rmm"].WithSuggestions.ShouldBe(20);
        _logger.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_sync_already_in_progress_is_followed_instead_of_starting_another()
    {
        var active = _gateway.AddActiveSync(Pax8);

        var summary = await SeedAsync();

        var pax8 = summary!.Syncs.Single(outcome => outcome.Sync == VendorSync.Pax8);
        pax8.Run!.Id.ShouldBe(active);
        pax8.Completed.ShouldBeTrue();
        _gateway.SyncRuns.Count(run => run.Integration == Pax8).ShouldBe(1);
        _logger.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_failed_sync_is_a_warning_with_its_error_and_the_other_sync_still_completes()
    {
        _gateway.FailSyncsOf(Rmm, "NinjaOne answered 401: invalid_client");

        var summary = await SeedAsync();

        var rmm = summary!.Syncs.Single(outcome => outcome.Sync == VendorSync.Rmm);
        (rmm.Run!.Status, rmm.Run.Error).ShouldBe(("failed", "NinjaOne answered 401: invalid_client"));
        summary.Syncs.Single(outcome => outcome.Sync == VendorSync.Pax8).Completed.ShouldBeTrue();
        _logger.Warnings.ShouldHaveSingleItem().ShouldContain("NinjaOne answered 401: invalid_client");
    }

    [Fact]
    public async Task A_sync_the_service_does_not_offer_yet_is_a_warning_and_the_other_sync_still_completes()
    {
        _gateway.MakeSyncUnavailable(Rmm);

        var summary = await SeedAsync();

        var rmm = summary!.Syncs.Single(outcome => outcome.Sync == VendorSync.Rmm);
        rmm.Run.ShouldBeNull();
        rmm.Refusal.ShouldNotBeNull().ShouldContain("404");
        summary.Syncs.Single(outcome => outcome.Sync == VendorSync.Pax8).Completed.ShouldBeTrue();
        _logger.Warnings.ShouldHaveSingleItem().ShouldStartWith("RMM sync not started");
        summary.Mappings.Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_sync_still_running_when_the_wait_is_over_is_a_warning_and_left_to_finish()
    {
        _gateway.SyncsFinish = false;

        var summary = await SeedAsync(timings: TestTimings.Quick with { VendorSyncTimeout = TimeSpan.FromMilliseconds(200) });

        summary!.Syncs.Select(outcome => outcome.Run!.Status).ShouldBe(["running", "running", "running", "running"]);
        _logger.Warnings.Count().ShouldBe(4);
        _logger.Warnings.ShouldAllBe(warning => warning.Contains("left to finish on its own"));
    }

    [Fact]
    public async Task Without_the_sandbox_s_url_nothing_is_seeded_and_it_says_so()
    {
        var summary = await SeedAsync(withSandbox: false);

        summary.ShouldBeNull();
        _gateway.Calls().ShouldBeEmpty();
        _sandbox.LogEntries.ShouldBeEmpty();
        _logger.Entries.ShouldHaveSingleItem().Message.ShouldContain("BILLINGONE_SANDBOX_URL");
    }

    [Fact]
    public async Task Connects_xero_through_the_sandbox_s_consent_page_before_its_sync_and_a_re_run_connects_no_more()
    {
        var first = await SeedAsync();
        var second = await SeedAsync();

        var consents = _sandbox.LogEntries.Where(entry => entry.RequestMessage.Path == "/xero/identity/connect/authorize")
            .Select(entry => System.Web.HttpUtility.ParseQueryString(entry.RequestMessage.Body!)).ToList();
        var consent = consents.ShouldHaveSingleItem();
        (consent["decision"], consent["response_type"], consent["client_id"]).ShouldBe(("allow", "code", "billingone-sandbox"));
        consent["state"].ShouldNotBeNullOrEmpty();
        _gateway.XeroStatus.ShouldBe("connected");
        _gateway.Calls().Count(call => call == "POST /api/invoice/xero/connect").ShouldBe(1);
        _gateway.Calls().Count(call => call == "GET /api/invoice/xero/callback").ShouldBe(1);
        var calls = _gateway.Calls().ToList();
        calls.IndexOf("GET /api/invoice/xero/callback").ShouldBeLessThan(calls.IndexOf("POST /api/invoice/integrations/xero/sync"));
        first!.Syncs.Single(outcome => outcome.Sync == VendorSync.Xero).Completed.ShouldBeTrue();
        second!.Syncs.Single(outcome => outcome.Sync == VendorSync.Xero).Completed.ShouldBeTrue();
        _logger.Entries.ShouldContain(entry => entry.Message.Contains("Xero connected", StringComparison.Ordinal));
        _logger.Entries.ShouldContain(entry => entry.Message == "Xero is connected already");
        _logger.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public async Task When_xero_authorizes_several_organisations_the_first_is_chosen()
    {
        var other = Guid.NewGuid();
        _gateway.XeroTenants = [(other, "Other Org"), (Guid.NewGuid(), "Demo MSP Ltd")];

        var summary = await SeedAsync();

        _gateway.Calls().ShouldContain("PUT /api/invoice/xero/tenant");
        (_gateway.XeroStatus, _gateway.XeroTenantId).ShouldBe(("connected", other));
        summary!.Syncs.Single(outcome => outcome.Sync == VendorSync.Xero).Completed.ShouldBeTrue();
        _logger.Warnings.ShouldBeEmpty();
    }

    [Fact]
    public async Task A_refused_xero_connection_is_one_warning_and_the_other_syncs_still_complete()
    {
        // An app the sandbox does not know: its consent page answers 400 instead of a redirect.
        _sandbox.Given(Request.Create().WithPath("/xero/unknown-app/authorize").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(400).WithBody("unknown client_id"));
        _gateway.XeroAuthorizeAddress = new Uri(new Uri(_sandbox.Url!), "/xero/unknown-app/authorize");

        var summary = await SeedAsync();

        var xero = summary!.Syncs.Single(outcome => outcome.Sync == VendorSync.Xero);
        xero.Run.ShouldBeNull();
        xero.Refusal.ShouldNotBeNull().ShouldContain("Xero not connected");
        _gateway.SyncRuns.ShouldNotContain(run => run.Integration == Xero);
        summary.Syncs.Where(outcome => outcome.Sync != VendorSync.Xero).ShouldAllBe(outcome => outcome.Completed);
        _logger.Warnings.ShouldHaveSingleItem().ShouldStartWith("Xero sync not started: Xero not connected");
    }

    [Fact]
    public async Task A_superops_sync_is_started_with_the_others_where_the_invoice_service_offers_it()
    {
        _gateway.InvoiceIntegrations = ["xero", "superops"];

        var summary = await SeedAsync();

        _gateway.SyncRuns.Select(run => run.Integration).ShouldBe([Pax8, Rmm, Xero, Synergy, SuperOps]);
        summary!.Syncs.ShouldAllBe(outcome => outcome.Completed);
        _logger.Warnings.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Without_a_superops_integration_it_is_not_available_and_no_warning(bool invoiceListsNone)
    {
        _gateway.InvoiceIntegrations = invoiceListsNone ? null : ["xero"];

        var summary = await SeedAsync();

        _gateway.SyncRuns.ShouldNotContain(run => run.Integration == SuperOps);
        summary!.Syncs.Count.ShouldBe(4);
        _logger.Entries.ShouldContain(entry => entry.Message.StartsWith("SuperOps sync not available", StringComparison.Ordinal));
        _logger.Warnings.ShouldBeEmpty();
    }
}

using BillingOne.DemoSeeder.Gateway;
using BillingOne.DemoSeeder.Sandbox;
using BillingOne.DemoSeeder.Seeding;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace BillingOne.DemoSeeder.Tests;

/// <summary>
/// Seeding the vendor data against <see cref="StubGateway"/> and a stubbed sandbox client list: which clients are
/// created, how the two syncs are started and followed, and which outcomes are only warnings.
/// </summary>
[Trait("Category", "Integration")]
public sealed class VendorSyncSeederTests : IDisposable
{
    private const string Pax8 = "subscription/pax8";
    private const string Rmm = "reconciliation/rmm";

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
    private readonly RecordingLogger _logger = new();

    public VendorSyncSeederTests()
    {
        _gatewayHttp = new HttpClient { BaseAddress = _gateway.Url };
        _sandboxHttp = new HttpClient { BaseAddress = new Uri(_sandbox.Url!) };
        _sandbox.Given(Request.Create().WithPath("/sandbox/billingone-clients").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(SandboxClients));
    }

    public void Dispose()
    {
        _gatewayHttp.Dispose();
        _sandboxHttp.Dispose();
        _sandbox.Stop();
        _gateway.Dispose();
    }

    private Task<VendorSeedSummary?> SeedAsync(bool withSandbox = true, SeederTimings? timings = null)
    {
        var api = new GatewayApi(_gatewayHttp, StubGateway.AdminApiKey, TestTimings.Quick, TimeProvider.System);
        return new VendorSyncSeeder(api, withSandbox ? new SandboxApi(_sandboxHttp) : null, timings ?? TestTimings.Quick,
            TimeProvider.System, _logger).RunAsync(CancellationToken.None);
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
    public async Task Starts_a_pax8_and_an_rmm_sync_as_sync_all_before_waiting_for_either_then_reads_the_mapping_summary()
    {
        var summary = await SeedAsync();

        var syncCalls = _gateway.Calls().Where(call => call.Contains("/integrations/", StringComparison.Ordinal)).ToList();
        syncCalls.Take(2).ShouldBe([
            "POST /api/subscription/integrations/pax8/sync",
            "POST /api/reconciliation/integrations/rmm/sync",
        ]);
        _gateway.SyncRuns.Select(run => (run.Integration, run.Trigger)).ShouldBe([(Pax8, "sync-all"), (Rmm, "sync-all")]);
        summary!.Syncs.ShouldAllBe(outcome => outcome.Completed);
        summary.Syncs.Select(outcome => outcome.Run!.Breakdown!["items"].Added).ShouldBe([1800, 1800]);
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

        summary!.Syncs.Select(outcome => outcome.Run!.Status).ShouldBe(["running", "running"]);
        _logger.Warnings.Count().ShouldBe(2);
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
}

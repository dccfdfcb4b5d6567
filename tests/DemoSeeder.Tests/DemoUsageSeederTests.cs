using BillingOne.DemoSeeder.DemoData;
using BillingOne.DemoSeeder.Gateway;
using BillingOne.DemoSeeder.Seeding;
using Microsoft.Extensions.Logging.Abstractions;

namespace BillingOne.DemoSeeder.Tests;

/// <summary>The seeder against <see cref="StubGateway"/>: what it calls, in which order, and what a re-run does.</summary>
[Trait("Category", "Integration")]
public sealed class DemoUsageSeederTests : IDisposable
{
    private static readonly DateOnly Today = new(2026, 3, 15);

    private static readonly string[] CreatedThisRun = ["backup-gb", "m365-mailbox", "public-ip"];

    private readonly StubGateway _gateway = new();
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("billingone-demo-seeder-").FullName;
    private readonly HttpClient _http;

    public DemoUsageSeederTests()
    {
        _http = new HttpClient { BaseAddress = _gateway.Url };
        // The organization has this unit type already: creating it answers 409.
        _gateway.AddExistingUnitType(DemoCatalog.VmHours.Key);
    }

    public void Dispose()
    {
        _http.Dispose();
        _gateway.Dispose();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    private Task<SeedSummary> SeedAsync(SeederTimings? timings = null)
    {
        var clock = new FixedDayClock(Today);
        var api = new GatewayApi(_http, StubGateway.AdminApiKey, timings ?? TestTimings.Quick, clock);
        return new DemoUsageSeeder(api, new IngestKeyFile(_dataDirectory), timings ?? TestTimings.Quick, clock,
            NullLogger<DemoUsageSeeder>.Instance).RunAsync(CancellationToken.None);
    }

    private static List<DemoReading> ExpectedReadings => DemoReadings.For(DemoAssets.All, Today).ToList();

    [Fact]
    public async Task A_first_run_creates_what_the_data_depends_on_first_then_sends_the_readings_then_provisions_then_bills()
    {
        var summary = await SeedAsync();

        Phases(_gateway.Calls()).ShouldBe(
        [
            "subscription/clients", "metering/unit-types", "ingestion/suppressions", "metering/assignment-rules",
            "identity/api-keys", "ingestion/readings", "metering/assets", "metering/provisioning",
            // The oldest month is billed and finalized, its late reading sent, then the two months after it billed.
            "metering/billing-runs", "metering/billing-periods", "ingestion/readings", "metering/billing-runs",
            "metering/billing-periods", "metering/billing-runs", "metering/billing-periods",
        ]);
        summary.ClientsCreated.ShouldBe(DemoCatalog.Clients.Count);
        summary.UnitTypesCreated.ShouldBe(DemoCatalog.UnitTypes.Count - 1);
        summary.SuppressionsCreated.ShouldBe(1);
        summary.AssignmentRulesCreated.ShouldBe(DemoCatalog.AssignmentRules.Count);
        // The first rule was refused while metering did not know the client yet, and sent again.
        _gateway.Calls().Count(call => call == "POST /api/metering/assignment-rules")
            .ShouldBe(DemoCatalog.AssignmentRules.Count + 1);
        summary.IngestKeysCreated.ShouldBe(2);
        summary.ProvisioningRun.Status.ShouldBe("succeeded");
        summary.ProvisioningRun.BucketsCreated.ShouldBe(9);
        (summary.Billing.PeriodsBilled, summary.Billing.PeriodsFinalAlready, summary.Billing.Adjustments)
            .ShouldBe((3, 0, 1));
        _gateway.BillingRuns.Select(run => run.Period).ShouldBe(["2025-12", "2026-01", "2026-02"]);
    }

    [Fact]
    public async Task Every_reading_is_ingested_once_with_the_readings_of_unit_types_ingestion_did_not_know_yet_sent_again()
    {
        var summary = await SeedAsync();

        var expected = ExpectedReadings;
        // The late reading goes with the billing, in a call of its own.
        _gateway.IngestBodies()[^1].ShouldHaveSingleItem()["id"]!.GetValue<string>().ShouldStartWith("demo-late-");
        var suppressed = DemoAssets.All.Where(asset => asset.Suppressed).SelectMany(asset => DemoReadings.For(asset, Today)).Count();
        summary.Readings.Sent.ShouldBe(expected.Count);
        summary.Readings.Accepted.ShouldBe(expected.Count - suppressed);
        summary.Readings.Suppressed.ShouldBe(suppressed);
        (summary.Readings.Rejected, summary.Readings.Duplicates, summary.Readings.Conflicts).ShouldBe((0, 0, 0));

        // The first batch met unit types created a moment before; only their readings went again.
        var bodies = _gateway.IngestBodies().SkipLast(1).ToList();
        var first = bodies[0];
        var resent = bodies[1];
        resent.Select(UnitTypeOf).Distinct().ShouldBe(CreatedThisRun, ignoreOrder: true);
        resent.Count.ShouldBe(first.Count(reading => CreatedThisRun.Contains(UnitTypeOf(reading))));
        bodies.ShouldAllBe(body => body.Count <= ReadingUploader.MaxBatchSize);
    }

    [Fact]
    public async Task The_key_assigned_client_s_assets_arrive_with_its_scoped_key_and_the_established_assets_are_acknowledged()
    {
        var summary = await SeedAsync();

        var redgum = DemoCatalog.RedgumLogistics.Slug;
        _gateway.Assets.Where(asset => asset.ExternalId.Contains(redgum)).ShouldAllBe(asset => asset.ClientScope != null);
        _gateway.Assets.Where(asset => !asset.ExternalId.Contains(redgum)).ShouldAllBe(asset => asset.ClientScope == null);
        _gateway.Assets.Count.ShouldBe(DemoAssets.All.Count(asset => !asset.Suppressed));

        var fresh = DemoAssets.All.Where(asset => asset.IsNew).Select(asset => asset.ExternalId).ToHashSet();
        _gateway.Assets.Where(asset => !asset.Acknowledged).Select(asset => asset.ExternalId).ShouldBe(fresh, ignoreOrder: true);
        summary.AssetsAcknowledged.ShouldBe(_gateway.Assets.Count - fresh.Count);
        new IngestKeyFile(_dataDirectory).Load().Keys.ShouldBe(DemoCatalog.IngestKeys.Select(key => key.Name), ignoreOrder: true);
    }

    [Fact]
    public async Task A_re_run_creates_nothing_its_readings_are_all_duplicates_and_final_months_are_not_billed_again()
    {
        var first = await SeedAsync();
        var callsBefore = _gateway.Calls().Count;

        var second = await SeedAsync();

        (second.ClientsCreated, second.UnitTypesCreated, second.SuppressionsCreated, second.AssignmentRulesCreated,
            second.IngestKeysCreated, second.AssetsAcknowledged).ShouldBe((0, 0, 0, 0, 0, 0));
        second.Readings.Accepted.ShouldBe(0);
        second.Readings.Duplicates.ShouldBe(first.Readings.Accepted);
        second.Readings.Suppressed.ShouldBe(first.Readings.Suppressed);
        second.Readings.Conflicts.ShouldBe(0);
        second.Billing.LateReading.Duplicates.ShouldBe(1);
        // Every unit type answers 409 now; nothing else is created. The oldest month is final: its run and its
        // finalization answer 409, and only the two draft months are billed again.
        _gateway.Calls().Skip(callsBefore).Where(call => call.StartsWith("POST ", StringComparison.Ordinal)).Distinct()
            .ShouldBe(["POST /api/metering/unit-types", "POST /api/ingestion/readings", "POST /api/metering/provisioning/runs",
                "POST /api/metering/billing-runs", "POST /api/metering/billing-periods/2025-12/finalize"],
                ignoreOrder: true);
        (second.Billing.PeriodsBilled, second.Billing.PeriodsFinalAlready).ShouldBe((2, 1));
        _gateway.BillingRuns.Select(run => run.Period).ShouldBe(["2025-12", "2026-01", "2026-02", "2026-01", "2026-02"]);
        _gateway.ApiKeyNames.Count.ShouldBe(DemoCatalog.IngestKeys.Count);
    }

    [Fact]
    public async Task Gives_up_with_the_unit_type_keys_when_ingestion_never_learns_them()
    {
        _gateway.IngestionLearnsUnitTypes = false;

        var failure = await Should.ThrowAsync<SeedingFailedException>(() =>
            SeedAsync(TestTimings.Quick with { UnitTypeSyncTimeout = TimeSpan.FromMilliseconds(200) }));

        failure.Message.ShouldContain("backup-gb");
        failure.Message.ShouldContain("UnitTypeChanged");
    }

    [Fact]
    public async Task Gives_up_naming_the_client_when_metering_never_learns_it()
    {
        _gateway.RuleRejectionsBeforeClientsKnown = int.MaxValue;

        var failure = await Should.ThrowAsync<SeedingFailedException>(() =>
            SeedAsync(TestTimings.Quick with { ClientSyncTimeout = TimeSpan.FromMilliseconds(200) }));

        failure.Message.ShouldContain("harbourside");
        failure.Message.ShouldContain("ClientUpserted");
    }

    /// <summary>The API area of each call ("metering/unit-types"), repeats of the same area collapsed.</summary>
    private static List<string> Phases(IEnumerable<string> calls)
    {
        var phases = new List<string>();
        foreach (var call in calls)
        {
            var parts = call.Split(' ')[1].Split('/', StringSplitOptions.RemoveEmptyEntries);
            var phase = $"{parts[1]}/{parts[2]}";
            if (phases.Count == 0 || phases[^1] != phase)
            {
                phases.Add(phase);
            }
        }
        return phases;
    }

    private static string UnitTypeOf(System.Text.Json.Nodes.JsonObject reading) =>
        reading["unitTypeKey"]!.GetValue<string>();

    /// <summary>Today is <paramref name="day"/> (08:00 UTC); timers and elapsed time are real.</summary>
    private sealed class FixedDayClock(DateOnly day) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() =>
            new(day.ToDateTime(new TimeOnly(8, 0)), TimeSpan.Zero);
    }
}

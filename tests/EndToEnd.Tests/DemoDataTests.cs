using Aspire.Hosting.ApplicationModel;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using BillingOne.DemoSeeder.DemoData;
using BillingOne.Testing;
using Npgsql;
using Shouldly;

namespace BillingOne.EndToEnd.Tests;

/// <summary>
/// The demo data the default run seeds once every service is healthy (the AppHost's demo-seeder resource, tools/DemoSeeder),
/// read back through the gateway as the metering console reads it.
/// </summary>
[Collection(RunningSystemCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class DemoDataTests(SystemFixture fixture)
{
    private static readonly TimeSpan SeedingTimeout = TimeSpan.FromMinutes(6);
    private readonly HttpClient gateway = fixture.System.CreateGatewayClient();

    [SystemFact]
    public async Task The_default_run_seeds_unit_types_and_assets_with_a_month_of_usage_assigned_to_the_demo_clients()
    {
        await WaitForSeedingAsync();

        var unitTypes = await GetAsync("/api/metering/unit-types?pageSize=200");
        DemoCatalog.UnitTypes.Select(unitType => unitType.Key)
            .ShouldBeSubsetOf(Items(unitTypes).Select(unitType => unitType.GetProperty("key").GetString()!));

        var backup = await SingleAssetAsync("bkp-harbourside-srv01");
        backup.GetProperty("assignedBy").GetString().ShouldBe("rule");
        backup.GetProperty("clientName").GetString().ShouldBe("Harbourside Dental");
        backup.GetProperty("acknowledged").GetBoolean().ShouldBeTrue();
        var usage = await GetAsync($"/api/metering/assets/{backup.GetProperty("id").GetGuid()}/usage?days=30");
        var series = usage.GetProperty("series").EnumerateArray().ShouldHaveSingleItem();
        series.GetProperty("unitTypeKey").GetString().ShouldBe(DemoCatalog.BackupStorage.Key);
        var points = series.GetProperty("points").EnumerateArray().Select(point => point.GetProperty("value").GetDecimal()).ToList();
        points.Count.ShouldBe(30);
        // Every day but today, which has no reading yet.
        points.Count(value => value > 0m).ShouldBeGreaterThanOrEqualTo(29);

        var scoped = await SingleAssetAsync("vm-redgum-app01");
        scoped.GetProperty("assignedBy").GetString().ShouldBe("key");
        scoped.GetProperty("clientName").GetString().ShouldBe(DemoCatalog.RedgumLogistics.Name);

        (await InViewAsync("unassigned", "bkp-lab-srv01")).ShouldBeTrue();
        // Only the assets that appeared in the last days wait on the New page; the established ones are acknowledged.
        foreach (var asset in DemoAssets.All.Where(asset => asset.IsNew))
        {
            (await InViewAsync("new", asset.ExternalId)).ShouldBeTrue(asset.ExternalId);
        }
        (await InViewAsync("new", "bkp-harbourside-srv01")).ShouldBeFalse();
        (await GetAsync("/api/metering/assets?search=vm-decom")).GetProperty("totalCount").GetInt32().ShouldBe(0);
    }

    [SystemFact]
    public async Task Auto_provisioning_leaves_unreviewed_buckets_and_the_assets_outside_its_reach_unbound()
    {
        await WaitForSeedingAsync();

        var buckets = Items(await GetAsync("/api/metering/buckets?reviewed=false&pageSize=200")).ToList();
        buckets.ShouldNotBeEmpty();
        buckets.ShouldAllBe(bucket => bucket.GetProperty("autoProvisioned").GetBoolean());
        buckets.ShouldContain(bucket => bucket.GetProperty("unitTypeKey").GetString() == DemoCatalog.BackupStorage.Key &&
            bucket.GetProperty("clientName").GetString() == "Summit Engineering");

        // Outside the backup unit type's filter, and a unit type without auto-provisioning.
        (await InViewAsync("unbound", "nas-harbourside-01")).ShouldBeTrue();
        (await InViewAsync("unbound", "pip-summit-01")).ShouldBeTrue();
        (await InViewAsync("unbound", "bkp-summit-srv01")).ShouldBeFalse();
    }

    [SystemFact]
    public async Task Seeding_again_creates_nothing_and_stores_no_reading_twice()
    {
        await WaitForSeedingAsync();
        var bucketsBefore = (await GetAsync("/api/metering/buckets?pageSize=1")).GetProperty("totalCount").GetInt32();
        await using var metering = new NpgsqlConnection(await fixture.System.DatabaseConnectionStringAsync("metering"));
        await metering.OpenAsync();
        await ReadingsQueueDrainedAsync();
        var storedBefore = await StoredCountsAsync(metering);

        var (exitCode, output) = await SeedAgainAsync();

        exitCode.ShouldBe(0, output);
        foreach (var step in new[] { "Clients", "Unit types", "Ingest suppression rules", "Assignment rules", "Ingest API keys" })
        {
            Regex.IsMatch(output, $@"{step}: \d+ wanted, 0 created").ShouldBeTrue(output);
        }
        output.ShouldContain("0 established ones acknowledged");
        output.ShouldContain("0 buckets created");
        (await GetAsync("/api/metering/buckets?pageSize=1")).GetProperty("totalCount").GetInt32().ShouldBe(bucketsBefore);
        // The same readings again are accepted and skipped by metering: none stored again, none an ingest exception.
        await ReadingsQueueDrainedAsync();
        (await StoredCountsAsync(metering)).ShouldBe(storedBefore);
    }

    private static async Task<(long Readings, long Exceptions)> StoredCountsAsync(NpgsqlConnection metering)
    {
        await using var command = new NpgsqlCommand(
            "SELECT (SELECT count(*) FROM raw_readings), (SELECT count(*) FROM ingest_exceptions)", metering);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    /// <summary>Waits until metering has stored every batch ingestion accepted (its queue holds none).</summary>
    private async Task ReadingsQueueDrainedAsync()
    {
        using var management = await fixture.System.RabbitMqManagementClientAsync();
        await Eventually.AssertAsync(async () =>
        {
            using var queues = JsonDocument.Parse(await management.GetStringAsync("api/queues"));
            queues.RootElement.EnumerateArray()
                .Single(queue => queue.GetProperty("name").GetString() == "metering-usage-readings-accepted")
                .GetProperty("messages").GetInt64().ShouldBe(0);
        }, TimeSpan.FromMinutes(2));
    }

    /// <summary>The seeder is a run-once resource that starts once everything is healthy: it must finish cleanly.</summary>
    private async Task WaitForSeedingAsync()
    {
        var finished = await fixture.System.WaitForStateAsync("demo-seeder", KnownResourceStates.Finished, SeedingTimeout);
        finished.ExitCode.ShouldBe(0, fixture.System.Output);
    }

    /// <summary>Runs the seeder again, as its Start command on the dashboard does, and returns its new output.</summary>
    private async Task<(int? ExitCode, string Output)> SeedAgainAsync()
    {
        var before = fixture.System.LogsOf("demo-seeder").Count;
        var started = await fixture.System.App.ResourceCommands.ExecuteCommandAsync("demo-seeder", KnownResourceCommands.StartCommand);
        started.Success.ShouldBeTrue(started.Message);
        await fixture.System.WaitForStateAsync("demo-seeder", KnownResourceStates.Running, SeedingTimeout);
        var finished = await fixture.System.WaitForStateAsync("demo-seeder", KnownResourceStates.Finished, SeedingTimeout);
        // Console lines arrive a moment after the exit is seen.
        await Task.Delay(TimeSpan.FromSeconds(2));
        return (finished.ExitCode, string.Join('\n', fixture.System.LogsOf("demo-seeder").Skip(before)));
    }

    private async Task<JsonElement> SingleAssetAsync(string externalId)
    {
        var page = await GetAsync($"/api/metering/assets?search={Uri.EscapeDataString(externalId)}");
        return Items(page).Single(asset => asset.GetProperty("externalId").GetString() == externalId);
    }

    /// <summary>
    /// Whether the asset shows in the view. Searched by its id: other tests of the shared system add assets of their
    /// own to the same organization.
    /// </summary>
    private async Task<bool> InViewAsync(string view, string externalId) =>
        ExternalIds(await GetAsync($"/api/metering/assets?view={view}&search={Uri.EscapeDataString(externalId)}"))
            .Contains(externalId);

    private async Task<JsonElement> GetAsync(string path) =>
        await gateway.GetFromJsonAsync<JsonElement>(path, JsonSerializerOptions.Web);

    private static IEnumerable<JsonElement> Items(JsonElement page) => page.GetProperty("items").EnumerateArray();

    private static List<string> ExternalIds(JsonElement page) =>
        Items(page).Select(asset => asset.GetProperty("externalId").GetString()!).ToList();
}

using Aspire.Hosting.ApplicationModel;
using BillingOne.Hosting;
using BillingOne.SystemDriver;
using Npgsql;

namespace BillingOne.Bench;

/// <summary>
/// The default-run scenario: the ingest scenario's HTTP and gRPC sends through two systems started one after the other
/// in this build configuration — first as the other benchmarks start it (no dashboard, no demo data, the vendor world
/// still), then as <c>scripts/run.sh</c> starts it (the Aspire dashboard receiving every service's telemetry, the demo
/// data seeded, the sandbox's world moving every ten minutes) — so the two rates come from the same machine in the same
/// hour.
/// </summary>
public static class DefaultRunBenchmark
{
    private static readonly TimeSpan SeedingTimeout = TimeSpan.FromMinutes(10);

    public static async Task<string> RunAsync(BenchOptions options)
    {
        var load = MachineLoad.OneMinute();
        Console.WriteLine("Starting the system as the benchmarks do...");
        var bench = await MeasureAsync("bench", defaultRun: false, options);
        Console.WriteLine("Starting the system as scripts/run.sh does (dashboard, demo data)...");
        var defaultRun = await MeasureAsync("bench-default-run", defaultRun: true, options);
        return BenchmarkReport.RenderDefaultRun(new DefaultRunFigures(
            options, RunningSystem.BuildConfiguration, load, bench, defaultRun), DateTimeOffset.UtcNow);
    }

    private static async Task<IReadOnlyList<ScenarioResult>> MeasureAsync(string name, bool defaultRun, BenchOptions options)
    {
        await using var system = defaultRun
            ? await StartAsDefaultRunAsync(name)
            : await RunningSystem.StartAsync(name, seedDemoData: false, exportTelemetry: true);
        await using var metering = NpgsqlDataSource.Create(await system.DatabaseConnectionStringAsync("metering"));
        return (await IngestBenchmark.ThroughGatewayAsync(system, metering, options)).Results;
    }

    /// <summary>
    /// A system started as scripts/run.sh starts it — the Aspire dashboard, the demo data, the sandbox's world moving
    /// every ten minutes — once the demo seeder has finished and the events it caused have been consumed.
    /// </summary>
    public static async Task<RunningSystem> StartAsDefaultRunAsync(string name)
    {
        // The last value of a setting wins: the default run's sandbox world moves as scripts/run.sh's does.
        var system = await RunningSystem.StartAsync(name, seedDemoData: true, dashboard: true,
            settings: ["--AppHost:SandboxChangeInterval=00:10:00"]);
        try
        {
            Console.WriteLine("Waiting for the demo seeder to finish and the events it caused to be consumed...");
            await system.WaitForStateAsync("demo-seeder", KnownResourceStates.Finished, SeedingTimeout);
            await WaitUntilQueuesAreEmptyAsync(system);
            return system;
        }
        catch
        {
            await system.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Seeding ends before every service has consumed what it published: measuring then would time the seed's tail.
    /// Quiet means no message waiting for a consumer in three samples two seconds apart.
    /// </summary>
    private static async Task WaitUntilQueuesAreEmptyAsync(RunningSystem system)
    {
        using var management = await system.RabbitMqManagementClientAsync();
        using var timeout = new CancellationTokenSource(SeedingTimeout);
        for (var quiet = 0; quiet < 3; await Task.Delay(TimeSpan.FromSeconds(2), timeout.Token))
        {
            // A dead-lettered message (_error, _skipped) waits for an operator, not for a consumer.
            var waiting = QueueSummary.ParseList(await management.GetStringAsync("api/queues", timeout.Token))
                .Where(queue => !queue.IsErrorQueue && !queue.Name.EndsWith("_skipped", StringComparison.Ordinal))
                .Sum(queue => queue.Messages);
            quiet = waiting == 0 ? quiet + 1 : 0;
        }
    }
}

/// <summary>The same sends measured through a benchmark-style system and a default-run-style system.</summary>
public sealed record DefaultRunFigures(
    BenchOptions Options,
    string BuildConfiguration,
    double LoadAverage,
    IReadOnlyList<ScenarioResult> Bench,
    IReadOnlyList<ScenarioResult> DefaultRun);

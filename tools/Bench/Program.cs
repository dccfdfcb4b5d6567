using BillingOne.Bench;
using BillingOne.SystemDriver;
using Npgsql;

// The benchmarks: start the whole system (Release build, private servers; default-run starts two), run one scenario
// and write its figures to docs/benchmarks.md. Run with `bash scripts/bench.sh [--scenario
// ingest|billing|sync|pages|analytics|default-run|browser] [options]` (see BenchOptions); `bash scripts/soak.sh` runs
// the soak, which writes docs/reliability.md and exits 1 when it fails.
var root = RepositoryRoot.Find();
var options = BenchOptions.Parse(args, root);

if (options.Scenario == BenchScenario.DefaultRun)
{
    // Starts its two systems itself, one after the other.
    return await WriteAsync(ReportSection.DefaultRun, await DefaultRunBenchmark.RunAsync(options));
}
if (options.Scenario == BenchScenario.Browser)
{
    // Starts the system as scripts/run.sh does, with the demo world.
    return await WriteAsync(ReportSection.Browser, await BrowserBenchmark.RunAsync(options));
}

Console.WriteLine("Starting the system (the Aspire AppHost with its own PostgreSQL and RabbitMQ)...");
await using var system = await RunningSystem.StartAsync("bench", seedDemoData: false, exportTelemetry: true);
await using var metering = NpgsqlDataSource.Create(await system.DatabaseConnectionStringAsync("metering"));

if (options.Scenario == BenchScenario.Soak)
{
    var soak = await SoakBenchmark.RunAsync(system, metering, options);
    var figures = SoakReport.Render(soak);
    Console.WriteLine(figures);
    var document = File.Exists(options.OutputPath) ? await File.ReadAllTextAsync(options.OutputPath) : null;
    await File.WriteAllTextAsync(options.OutputPath, SoakReport.Merge(document, figures));
    Console.WriteLine($"Written to {options.OutputPath}");
    return soak.Passed ? 0 : 1;
}

var (section, report) = options.Scenario switch
{
    BenchScenario.Billing => (ReportSection.Billing, await BillingBenchmark.RunAsync(system, metering, options)),
    BenchScenario.Sync => (ReportSection.Sync, await SyncBenchmark.RunAsync(system)),
    BenchScenario.Pages => (ReportSection.Pages, await PagesBenchmark.RunAsync(system, options)),
    BenchScenario.Analytics => (ReportSection.Analytics, await AnalyticsBenchmark.RunAsync(system, options)),
    _ => (ReportSection.Ingest, await IngestBenchmark.RunAsync(system, metering, options)),
};
return await WriteAsync(section, report);

async Task<int> WriteAsync(ReportSection section, string report)
{
    Console.WriteLine(report);
    var existing = File.Exists(options.OutputPath) ? await File.ReadAllTextAsync(options.OutputPath) : null;
    await File.WriteAllTextAsync(options.OutputPath, BenchmarkReport.Merge(existing, section, report));
    Console.WriteLine($"Written to {options.OutputPath}");
    return 0;
}

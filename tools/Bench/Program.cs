using BillingOne.Bench;
using BillingOne.SystemDriver;
using Npgsql;

// The benchmarks: start the whole system (Release build, private servers), run one scenario against it and write its
// figures to docs/benchmarks.md. Run with `bash scripts/bench.sh [--scenario ingest|billing|sync|pages|analytics]
// [options]` (see BenchOptions).
var root = RepositoryRoot.Find();
var options = BenchOptions.Parse(args, root);

Console.WriteLine("Starting the system (the Aspire AppHost with its own PostgreSQL and RabbitMQ)...");
await using var system = await RunningSystem.StartAsync("bench", seedDemoData: false);
await using var metering = NpgsqlDataSource.Create(await system.DatabaseConnectionStringAsync("metering"));

var (section, report) = options.Scenario switch
{
    BenchScenario.Billing => (ReportSection.Billing, await BillingBenchmark.RunAsync(system, metering, options)),
    BenchScenario.Sync => (ReportSection.Sync, await SyncBenchmark.RunAsync(system)),
    BenchScenario.Pages => (ReportSection.Pages, await PagesBenchmark.RunAsync(system, options)),
    BenchScenario.Analytics => (ReportSection.Analytics, await AnalyticsBenchmark.RunAsync(system, options)),
    _ => (ReportSection.Ingest, await IngestBenchmark.RunAsync(system, metering, options)),
};
Console.WriteLine(report);
var existing = File.Exists(options.OutputPath) ? await File.ReadAllTextAsync(options.OutputPath) : null;
await File.WriteAllTextAsync(options.OutputPath, BenchmarkReport.Merge(existing, section, report));
Console.WriteLine($"Written to {options.OutputPath}");

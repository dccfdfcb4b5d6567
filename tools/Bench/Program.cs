using BillingOne.Bench;
using BillingOne.SystemDriver;
using Npgsql;

// The ingest benchmark: starts the whole system (Release build, private servers), pushes readings through the
// gateway over HTTP and over gRPC, then copies the same readings straight into the table, and writes the figures to
// docs/benchmarks.md. Run with `bash scripts/bench.sh [--readings N] [--batch N] [--concurrency N]`.
var root = RepositoryRoot.Find();
var options = BenchOptions.Parse(args, root);

Console.WriteLine("Starting the system (the Aspire AppHost with its own PostgreSQL and RabbitMQ)...");
await using var system = await RunningSystem.StartAsync("bench", seedDemoData: false);
var dataDirectory = system.DataDirectory;
await using var metering = NpgsqlDataSource.Create(await system.DatabaseConnectionStringAsync("metering"));
using var session = await IngestSession.StartAsync(system, "bench-gb", "bench-probe", options.Concurrency);
Guid orgId;
await using (var lookup = metering.CreateCommand("SELECT org_id FROM unit_types WHERE key = 'bench-gb'"))
{
    orgId = (Guid)(await lookup.ExecuteScalarAsync())!;
}

var windowStart = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-1);
// Long enough for the JIT's tiered compilation to settle in every process on both paths (about 20 calls each);
// a short warm-up left seconds of compiling inside the measured window. The measured readings are observed after
// the warm-up's, so that, as in real traffic, every batch moves its assets' last-seen times forward.
var warmUpReadings = options.BatchSize * Math.Max(20, options.Concurrency);
var httpWarmUp = ReadingSet.Create("warmup-http", warmUpReadings, session.UnitTypeKey, windowStart);
var grpcWarmUp = ReadingSet.Create("warmup-grpc", warmUpReadings, session.UnitTypeKey, windowStart.AddHours(2));
var http = ReadingSet.Create("http", options.Readings, session.UnitTypeKey, windowStart.AddHours(4));
var grpc = ReadingSet.Create("grpc", options.Readings, session.UnitTypeKey, windowStart.AddHours(6));
var scenario = new IngestScenario(metering, orgId, options.Concurrency);

Console.WriteLine("Warming up...");
await scenario.RunAsync("warm-up", httpWarmUp, options.BatchSize, batch => session.Client.SendHttpAsync(batch, IngestBody.Ndjson));
await scenario.RunAsync("warm-up", grpcWarmUp, options.BatchSize, batch => session.Client.SendGrpcAsync(batch, options.GrpcMessageSize));

var results = new List<ScenarioResult>();
Console.WriteLine($"HTTP: {options.Readings:N0} readings...");
results.Add(await MeasuredAsync(() => scenario.RunAsync("HTTP NDJSON via gateway", http, options.BatchSize,
    batch => session.Client.SendHttpAsync(batch, IngestBody.Ndjson))));
Console.WriteLine($"gRPC: {options.Readings:N0} readings...");
results.Add(await MeasuredAsync(() => scenario.RunAsync("gRPC client stream via gateway", grpc, options.BatchSize,
    batch => session.Client.SendGrpcAsync(batch, options.GrpcMessageSize))));
Console.WriteLine($"Raw COPY: {options.Readings:N0} readings...");
results.Add(await MeasuredAsync(() => new RawCopyCeiling(metering, options.Concurrency).RunAsync(http, options.BatchSize)));

var report = BenchmarkReport.Render(options, results, DateTimeOffset.UtcNow);
Console.WriteLine(report);
var existing = File.Exists(options.OutputPath) ? await File.ReadAllTextAsync(options.OutputPath) : null;
await File.WriteAllTextAsync(options.OutputPath, BenchmarkReport.Merge(existing, report));
Console.WriteLine($"Written to {options.OutputPath}");

async Task<ScenarioResult> MeasuredAsync(Func<Task<ScenarioResult>> run)
{
    var before = ProcessCpu.Snapshot(dataDirectory);
    var result = await run();
    return result with { CpuSeconds = ProcessCpu.Between(before, ProcessCpu.Snapshot(dataDirectory)) };
}

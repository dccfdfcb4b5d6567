using BillingOne.SystemDriver;
using Npgsql;

namespace BillingOne.Bench;

/// <summary>
/// The ingest scenario: pushes readings through the gateway over HTTP and over gRPC, then, once the system has drained,
/// copies readings of the same shape straight into the table as the ceiling and the baseline of CPU per reading.
/// </summary>
public static class IngestBenchmark
{
    /// <summary>The processes that work off a backlog after the gateway has acknowledged the last call.</summary>
    private static readonly string[] BacklogParts = ["ingestion", "metering"];

    private static readonly TimeSpan DrainTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Runs the scenario and answers its section of docs/benchmarks.md.</summary>
    public static async Task<string> RunAsync(RunningSystem system, NpgsqlDataSource metering, BenchOptions options)
    {
        var (results, http) = await ThroughGatewayAsync(system, metering, options);
        var copied = ReadingSet.Create("copy", options.CopyRows, http.Readings[0].UnitTypeKey, http.From);
        // Every scenario waited until metering had stored all its readings; the COPY's CPU is a clean baseline only once
        // the services have also finished the work behind them (outbox relays, asset updates).
        Console.WriteLine("Waiting for ingestion and metering to go idle...");
        var drain = await ProcessCpu.WaitUntilIdleAsync(system.DataDirectory, BacklogParts, DrainTimeout);
        Console.WriteLine($"Raw COPY: {options.CopyRows:N0} rows...");
        results.Add(await MeasuredAsync(system,
            () => new RawCopyCeiling(metering, options.Concurrency).RunAsync(copied, options.BatchSize)));
        return BenchmarkReport.Render(options, results, drain, DateTimeOffset.UtcNow);
    }

    /// <summary>
    /// Warms both paths up, then measures the HTTP and the gRPC sends; answers their results and the HTTP readings (the
    /// ceiling copies the same ones).
    /// </summary>
    public static async Task<(List<ScenarioResult> Results, ReadingSet Http)> ThroughGatewayAsync(
        RunningSystem system, NpgsqlDataSource metering, BenchOptions options)
    {
        using var session = await IngestSession.StartAsync(system, "bench-gb", "bench-probe", options.Concurrency);
        Guid orgId;
        await using (var lookup = metering.CreateCommand("SELECT org_id FROM unit_types WHERE key = 'bench-gb'"))
        {
            orgId = (Guid)(await lookup.ExecuteScalarAsync())!;
        }

        var windowStart = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-1);
        // Long enough for the JIT's tiered compilation to settle in every process on both paths: metering's code runs
        // once per call, so it needs many calls to reach its optimized tier. With 20 calls each, the first measured
        // scenario (HTTP) still paid for compiling: 21–24 CPU-s where 60 calls leave 11.6 (docs/benchmarks.md). The
        // measured readings are observed after the warm-up's, so that, as in real traffic, every batch moves its assets'
        // last-seen times forward.
        var warmUpReadings = options.BatchSize * Math.Max(60, options.Concurrency);
        var httpWarmUp = ReadingSet.Create("warmup-http", warmUpReadings, session.UnitTypeKey, windowStart);
        var grpcWarmUp = ReadingSet.Create("warmup-grpc", warmUpReadings, session.UnitTypeKey, windowStart.AddHours(2));
        var http = ReadingSet.Create("http", options.Readings, session.UnitTypeKey, windowStart.AddHours(4));
        var grpc = ReadingSet.Create("grpc", options.Readings, session.UnitTypeKey, windowStart.AddHours(6));
        var scenario = new IngestScenario(metering, orgId, options.Concurrency);

        // As a high-volume client would call: the answer lists only the readings not accepted.
        Task<IngestAnswer> SendHttp(IReadOnlyList<ReadingToSend> batch) =>
            session.Client.SendHttpAsync(batch, IngestBody.Ndjson, outcomes: IngestOutcomes.Exceptions);
        Task<IngestAnswer> SendGrpc(IReadOnlyList<ReadingToSend> batch) =>
            session.Client.SendGrpcAsync(batch, options.GrpcMessageSize, outcomes: IngestOutcomes.Exceptions);

        Console.WriteLine("Warming up...");
        await scenario.RunAsync("warm-up", httpWarmUp, options.BatchSize, SendHttp);
        await scenario.RunAsync("warm-up", grpcWarmUp, options.BatchSize, SendGrpc);

        var results = new List<ScenarioResult>();
        Console.WriteLine($"HTTP: {options.Readings:N0} readings...");
        results.Add(await MeasuredAsync(system, () => scenario.RunAsync("HTTP NDJSON via gateway", http, options.BatchSize, SendHttp)));
        Console.WriteLine($"gRPC: {options.Readings:N0} readings...");
        results.Add(await MeasuredAsync(system, () => scenario.RunAsync("gRPC client stream via gateway", grpc, options.BatchSize, SendGrpc)));
        return (results, http);
    }

    private static async Task<ScenarioResult> MeasuredAsync(RunningSystem system, Func<Task<ScenarioResult>> run)
    {
        var (result, cpu) = await ProcessCpu.MeasureAsync(system.DataDirectory, run);
        return result with { CpuSeconds = cpu };
    }
}

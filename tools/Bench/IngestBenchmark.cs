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

    /// <summary>The services a scenario keeps busy, which the next step waits for.</summary>
    private static readonly string[] ServiceParts = ["gateway", "ingestion", "metering"];

    private static readonly TimeSpan DrainTimeout = TimeSpan.FromMinutes(2);

    /// <summary>A warm-up round whose CPU per reading is within this share of the round before it is the last.</summary>
    private const double SettledWithin = 0.15;

    private const int MaxWarmUpRounds = 6;

    /// <summary>Runs the scenario and answers its section of docs/benchmarks.md.</summary>
    public static async Task<string> RunAsync(RunningSystem system, NpgsqlDataSource metering, BenchOptions options)
    {
        var (results, http, warmUp) = await ThroughGatewayAsync(system, metering, options);
        var copied = ReadingSet.Create("copy", options.CopyRows, http.Readings[0].UnitTypeKey, http.From);
        // Every scenario waited until metering had stored all its readings; the COPY's CPU is a clean baseline only once
        // the services have also finished the work behind them (outbox relays, asset updates).
        Console.WriteLine("Waiting for ingestion and metering to go idle...");
        var drain = await ProcessCpu.WaitUntilIdleAsync(system.DataDirectory, BacklogParts, DrainTimeout);
        Console.WriteLine($"Raw COPY: {options.CopyRows:N0} rows...");
        results.Add(await MeasuredAsync(system, metering,
            () => new RawCopyCeiling(metering, options.Concurrency).RunAsync(copied, options.BatchSize)));
        return BenchmarkReport.Render(options, results, drain, warmUp, DateTimeOffset.UtcNow);
    }

    /// <summary>
    /// Warms both paths up, then measures the HTTP and the gRPC sends; answers their results and the HTTP readings (the
    /// ceiling copies the same ones).
    /// </summary>
    public static async Task<(List<ScenarioResult> Results, ReadingSet Http, WarmUp WarmUp)> ThroughGatewayAsync(
        RunningSystem system, NpgsqlDataSource metering, BenchOptions options)
    {
        using var session = await IngestSession.StartAsync(system, "bench-gb", "bench-probe", options.Concurrency);
        Guid orgId;
        await using (var lookup = metering.CreateCommand("SELECT org_id FROM unit_types WHERE key = 'bench-gb'"))
        {
            orgId = (Guid)(await lookup.ExecuteScalarAsync())!;
        }

        var windowStart = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero).AddDays(-1);
        // The measured readings are observed after the warm-up's, so that, as in real traffic, every batch moves its
        // assets' last-seen times forward.
        var http = ReadingSet.Create("http", options.Readings, session.UnitTypeKey, windowStart.AddHours(4));
        var grpc = ReadingSet.Create("grpc", options.Readings, session.UnitTypeKey, windowStart.AddHours(6));
        var scenario = new IngestScenario(metering, orgId, options.Concurrency);

        // As a high-volume client would call: the answer lists only the readings not accepted.
        Task<IngestAnswer> SendHttp(IReadOnlyList<ReadingToSend> batch) =>
            session.Client.SendHttpAsync(batch, IngestBody.Ndjson, outcomes: IngestOutcomes.Exceptions);
        Task<IngestAnswer> SendGrpc(IReadOnlyList<ReadingToSend> batch) =>
            session.Client.SendGrpcAsync(batch, options.GrpcMessageSize, outcomes: IngestOutcomes.Exceptions);

        var warmUp = await WarmUpAsync(system, scenario, options, session.UnitTypeKey, windowStart, SendHttp, SendGrpc);

        var results = new List<ScenarioResult>();
        Console.WriteLine($"HTTP: {options.Readings:N0} readings...");
        results.Add(await MeasuredAsync(system, metering, () => scenario.RunAsync("HTTP NDJSON via gateway", http, options.BatchSize, SendHttp)));
        await ProcessCpu.WaitUntilIdleAsync(system.DataDirectory, ServiceParts, DrainTimeout);
        Console.WriteLine($"gRPC: {options.Readings:N0} readings...");
        results.Add(await MeasuredAsync(system, metering, () => scenario.RunAsync("gRPC client stream via gateway", grpc, options.BatchSize, SendGrpc)));
        return (results, http, warmUp);
    }

    /// <summary>
    /// Sends both paths' readings in rounds until the system's CPU per reading settles: the measure is the steady
    /// state's, and a freshly started system is still compiling its code again, optimized, as methods get called often
    /// enough (metering's per-batch code once per call), and sizing its thread pools and garbage-collected heaps. A fixed
    /// 60 calls a path left the first measured scenarios 25–35 % above what the same code costs once settled. A round
    /// counts every process from its first call until the services are idle again; the warm-up ends when a round is
    /// within <see cref="SettledWithin"/> of the one before it, or after <see cref="MaxWarmUpRounds"/>.
    /// </summary>
    private static async Task<WarmUp> WarmUpAsync(RunningSystem system, IngestScenario scenario, BenchOptions options,
        string unitTypeKey, DateTimeOffset windowStart, Func<IReadOnlyList<ReadingToSend>, Task<IngestAnswer>> sendHttp,
        Func<IReadOnlyList<ReadingToSend>, Task<IngestAnswer>> sendGrpc)
    {
        var perReading = new List<double>();
        var readings = options.BatchSize * Math.Max(60, options.Concurrency);
        do
        {
            var round = perReading.Count + 1;
            // Each round's readings are observed in hours of their own before the measured ones.
            var hour = windowStart.AddHours(-2 * round);
            var (_, cpu) = await ProcessCpu.MeasureAsync(system.DataDirectory, async () =>
            {
                await scenario.RunAsync("warm-up", ReadingSet.Create($"warmup-http-{round}", readings, unitTypeKey, hour),
                    options.BatchSize, sendHttp);
                await scenario.RunAsync("warm-up", ReadingSet.Create($"warmup-grpc-{round}", readings, unitTypeKey,
                    hour.AddHours(1)), options.BatchSize, sendGrpc);
                return await ProcessCpu.WaitUntilIdleAsync(system.DataDirectory, ServiceParts, DrainTimeout);
            });
            perReading.Add(CpuPerReading.WholeSystem(cpu, 2 * readings).MicrosecondsPerReading);
            Console.WriteLine(FormattableString.Invariant($"Warm-up round {round}: {perReading[^1]:F1} µs a reading"));
        }
        while (perReading.Count < MaxWarmUpRounds
            && (perReading.Count < 2 || Math.Abs(perReading[^1] / perReading[^2] - 1) > SettledWithin));
        return new WarmUp(readings, perReading);
    }

    /// <summary>
    /// Measures <paramref name="run"/> from a clean start: the tables it writes vacuumed and analyzed first, so that
    /// PostgreSQL's autovacuum does not work off the warm-up's or an earlier scenario's rows during it (and a scenario,
    /// the COPY included, pays for the upkeep its own rows cause).
    /// </summary>
    private static async Task<ScenarioResult> MeasuredAsync(RunningSystem system, NpgsqlDataSource metering,
        Func<Task<ScenarioResult>> run)
    {
        await using (var vacuum = metering.CreateCommand(
            "VACUUM (ANALYZE) raw_readings, stored_reading_ids, assets, asset_unit_types, asset_sightings"))
        {
            vacuum.CommandTimeout = 0;
            await vacuum.ExecuteNonQueryAsync();
        }
        var jitBefore = ProcessCpu.JitSnapshot(system.DataDirectory);
        var (result, cpu) = await ProcessCpu.MeasureAsync(system.DataDirectory, run);
        return result with
        {
            CpuSeconds = cpu,
            JitSeconds = ProcessCpu.JitSecondsBetween(jitBefore, ProcessCpu.JitSnapshot(system.DataDirectory)),
        };
    }
}

/// <summary>The warm-up: readings sent a path per round, and each round's whole-system CPU µs per reading.</summary>
public sealed record WarmUp(int ReadingsPerPath, IReadOnlyList<double> MicrosecondsPerReading);

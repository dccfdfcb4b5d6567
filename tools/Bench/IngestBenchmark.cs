using System.Diagnostics;
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

    private const int CopyWarmUpRows = 200_000;

    /// <summary>A warm-up round whose CPU per reading is within this share of the round before it is the last…</summary>
    private const double SettledWithin = 0.15;

    /// <summary>…provided the background JIT used at most this share of the round's CPU.</summary>
    private const double JitSettledBelow = 0.02;

    private const int MaxWarmUpRounds = 10;

    /// <summary>
    /// How long after the benchmark started the system the warm-up ends at the earliest. Health probes reach every
    /// service every 10 s, and tiered compilation promotes the code they run after 30 calls, then again after 30 more
    /// (dynamic PGO): in every idle service at once, in bursts until about 5.5 minutes after the start (one of 1.6 CPU-s
    /// landed in a measurement; from then until 11 minutes, next to nothing). Once the rounds have settled, the warm-up
    /// waits out the rest idle and runs one more round.
    /// </summary>
    private static readonly TimeSpan MinUptime = TimeSpan.FromMinutes(7);

    /// <summary>Runs the scenario and answers its section of docs/benchmarks.md.</summary>
    public static async Task<string> RunAsync(RunningSystem system, NpgsqlDataSource metering, BenchOptions options)
    {
        var (results, http, warmUp, orgId) = await ThroughGatewayAsync(system, metering, options);
        // Observed after every ingested reading (the gRPC scenario's hour is the last), on the same assets.
        var copied = ReadingSet.Create("copy", options.CopyRows, http.Readings[0].UnitTypeKey, http.From.AddHours(6));
        // Every scenario waited until metering had stored all its readings; the COPY's CPU is a clean baseline only once
        // the services have also finished the work behind them (outbox relays, asset updates).
        Console.WriteLine("Waiting for ingestion and metering to go idle...");
        var drain = await ProcessCpu.WaitUntilIdleAsync(system.DataDirectory, BacklogParts, DrainTimeout);
        var ceiling = new RawCopyCeiling(metering, options.Concurrency, orgId);
        // The COPY's client warms up as the system did: its first rows would charge the baseline for compiling it.
        await ceiling.RunAsync(ReadingSet.Create("copy-warmup", CopyWarmUpRows, copied.Readings[0].UnitTypeKey,
            copied.From.AddHours(-2)), options.BatchSize);
        Console.WriteLine($"Raw COPY: {options.CopyRows:N0} rows...");
        results.Add(await MeasuredAsync(system, metering, () => ceiling.RunAsync(copied, options.BatchSize)));
        return BenchmarkReport.Render(options, results, drain, warmUp, DateTimeOffset.UtcNow);
    }

    /// <summary>
    /// Warms both paths up, then measures the HTTP and the gRPC sends; answers their results, the HTTP readings (the
    /// ceiling copies readings of the same shape) and the organization they were ingested for.
    /// </summary>
    public static async Task<(List<ScenarioResult> Results, ReadingSet Http, WarmUp WarmUp, Guid OrgId)> ThroughGatewayAsync(
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
        return (results, http, warmUp, orgId);
    }

    /// <summary>
    /// Sends both paths' readings in rounds until the system's CPU per reading settles: the measure is the steady
    /// state's, and a freshly started system is still compiling its code again, optimized, as methods get called often
    /// enough, and sizing its thread pools and garbage-collected heaps. A fixed 60 calls a path left the first measured
    /// scenarios 25–35 % above what the same code costs once settled. Idle services compile too, at the pace of the
    /// requests they get (<see cref="MinUptime"/>). A round counts every process from its first call until the services
    /// are idle again; the rounds end when one is within <see cref="SettledWithin"/> of the one before it and the JIT
    /// used at most <see cref="JitSettledBelow"/> of it, or after <see cref="MaxWarmUpRounds"/>, and not before
    /// <see cref="MinUptime"/>.
    /// </summary>
    private static async Task<WarmUp> WarmUpAsync(RunningSystem system, IngestScenario scenario, BenchOptions options,
        string unitTypeKey, DateTimeOffset windowStart, Func<IReadOnlyList<ReadingToSend>, Task<IngestAnswer>> sendHttp,
        Func<IReadOnlyList<ReadingToSend>, Task<IngestAnswer>> sendGrpc)
    {
        var rounds = new List<WarmUpRound>();
        var readings = options.BatchSize * Math.Max(60, options.Concurrency);
        do
        {
            var round = rounds.Count + 1;
            // Each round's readings are observed in hours of their own before the measured ones.
            var hour = windowStart.AddHours(-2 * round);
            await using var jit = JitMeter.Start(system.DataDirectory);
            var (_, cpu) = await ProcessCpu.MeasureAsync(system.DataDirectory, async () =>
            {
                await scenario.RunAsync("warm-up", ReadingSet.Create($"warmup-http-{round}", readings, unitTypeKey, hour),
                    options.BatchSize, sendHttp);
                await scenario.RunAsync("warm-up", ReadingSet.Create($"warmup-grpc-{round}", readings, unitTypeKey,
                    hour.AddHours(1)), options.BatchSize, sendGrpc);
                return await ProcessCpu.WaitUntilIdleAsync(system.DataDirectory, ServiceParts, DrainTimeout);
            });
            var cost = CpuPerReading.WholeSystem(cpu, 2 * readings);
            rounds.Add(new WarmUpRound(cost.MicrosecondsPerReading, await jit.StopAsync() / cost.CpuSeconds));
            Console.WriteLine(FormattableString.Invariant(
                $"Warm-up round {round}: {rounds[^1].MicrosecondsPerReading:F1} µs a reading, {rounds[^1].JitShare:P1} of it JIT"));
        }
        while ((rounds.Count < MaxWarmUpRounds && !Settled(rounds)) || await WaitedForUptimeAsync());
        return new WarmUp(readings, rounds, Uptime());
    }

    private static TimeSpan Uptime() => DateTime.Now - Process.GetCurrentProcess().StartTime;

    /// <summary>Waits until <see cref="MinUptime"/> if it has not passed yet, and tells whether it waited.</summary>
    private static async Task<bool> WaitedForUptimeAsync()
    {
        var left = MinUptime - Uptime();
        if (left <= TimeSpan.Zero)
        {
            return false;
        }
        Console.WriteLine(FormattableString.Invariant($"Waiting {left.TotalSeconds:F0} s, until the system has run {MinUptime.TotalMinutes:F0} minutes..."));
        await Task.Delay(left);
        return true;
    }

    private static bool Settled(List<WarmUpRound> rounds) =>
        rounds.Count >= 2
        && Math.Abs(rounds[^1].MicrosecondsPerReading / rounds[^2].MicrosecondsPerReading - 1) <= SettledWithin
        && rounds[^1].JitShare <= JitSettledBelow;

    /// <summary>
    /// Measures <paramref name="run"/> from a clean start: the tables it writes vacuumed and analyzed first, so that
    /// PostgreSQL's autovacuum does not work off the warm-up's or an earlier scenario's rows during it (and a scenario,
    /// the COPY included, pays for the upkeep its own rows cause), then a checkpoint, so that every measurement starts at
    /// the same point of the checkpoint cycle: which index pages it logs whole, and whether a checkpoint runs during it,
    /// no longer depends on when the warm-up's log last filled up.
    /// </summary>
    private static async Task<ScenarioResult> MeasuredAsync(RunningSystem system, NpgsqlDataSource metering,
        Func<Task<ScenarioResult>> run)
    {
        await CleanStart.VacuumAnalyzeAndCheckpointAsync(metering,
            "raw_readings, stored_reading_ids, assets, asset_unit_types, asset_sightings");
        var walBefore = await WalActivity.ReadAsync(metering);
        await using var jit = JitMeter.Start(system.DataDirectory);
        var (result, cpu) = await ProcessCpu.MeasureAsync(system.DataDirectory, run);
        return result with
        {
            CpuSeconds = cpu,
            JitSeconds = await jit.StopAsync(),
            Wal = (await WalActivity.ReadAsync(metering)).Since(walBefore),
        };
    }
}

/// <summary>The warm-up: readings sent a path per round, its rounds, and how long the system had run at its end.</summary>
public sealed record WarmUp(int ReadingsPerPath, IReadOnlyList<WarmUpRound> Rounds, TimeSpan Uptime);

/// <summary>A warm-up round's whole-system CPU µs per reading, and the share of that CPU the background JIT used.</summary>
public sealed record WarmUpRound(double MicrosecondsPerReading, double JitShare);

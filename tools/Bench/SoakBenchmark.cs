using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Aspire.Hosting.Testing;
using BillingOne.SystemDriver;
using Npgsql;

namespace BillingOne.Bench;

/// <summary>
/// The soak: after a warm-up, measures the maximum (HTTP NDJSON calls at full speed for a minute, stored readings/s)
/// unless a rate is given, then sends half of it (or the given rate) at a steady pace for the soak's minutes, HTTP
/// NDJSON and gRPC calls in turn, sampling the system every 10 s; once sending ends and the backlog has drained it
/// checks that every acknowledged reading is stored exactly once.
/// </summary>
public static class SoakBenchmark
{
    private static readonly TimeSpan BurstLength = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan StoreTimeout = TimeSpan.FromMinutes(10);

    public static async Task<SoakFigures> RunAsync(RunningSystem system, NpgsqlDataSource metering, BenchOptions options)
    {
        using var session = await IngestSession.StartAsync(system, "soak-gb", "soak-probe", options.Concurrency);
        Guid orgId;
        await using (var lookup = metering.CreateCommand("SELECT org_id FROM unit_types WHERE key = 'soak-gb'"))
        {
            orgId = (Guid)(await lookup.ExecuteScalarAsync())!;
        }
        // Each phase's readings are observed on a day of their own, so each is counted apart by time range.
        var today = new DateTimeOffset(DateTime.UtcNow.Date, TimeSpan.Zero);

        Console.WriteLine("Warming up...");
        await WarmUpAsync(session, metering, orgId, new SoakReadings("warmup", session.UnitTypeKey, today.AddDays(-3)), options);
        BurstFigures? burst = null;
        if (options.Rate is null)
        {
            Console.WriteLine($"Measuring the maximum: HTTP NDJSON calls at full speed for {BurstLength.TotalSeconds:F0} s...");
            burst = await BurstAsync(session, metering, orgId,
                new SoakReadings("burst", session.UnitTypeKey, today.AddDays(-2)), options);
            Console.WriteLine($"  {burst.StoredPerSecond:N0} stored readings/s");
        }
        var pace = new SoakPace(options.Rate ?? Math.Max(1, (int)(burst!.StoredPerSecond / 2)), options.BatchSize);
        var duration = TimeSpan.FromMinutes(options.Minutes);

        var readings = new SoakReadings("run", session.UnitTypeKey, today.AddDays(-1));
        var probes = new StoredProbes(metering, orgId);
        var calls = new SoakCalls(session.Client, options.GrpcMessageSize, probes);
        await using var ingestion = NpgsqlDataSource.Create(await system.DatabaseConnectionStringAsync("ingestion"));
        using var management = await ManagementClientAsync(system);
        var sampler = new SoakSampler(system.DataDirectory, management, ingestion, probes, calls);

        Console.WriteLine($"Soak: {pace.ReadingsPerSecond:N0} readings/s for {options.Minutes} min...");
        var ranAt = DateTimeOffset.UtcNow;
        var loadAverage = MachineLoad.OneMinute();
        using var stopSampling = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var sampling = sampler.RunAsync(clock, stopSampling.Token);
        var lateCalls = await SendPacedAsync(calls, readings, pace, duration, options.Concurrency, clock);
        var sendingTook = clock.Elapsed;
        await stopSampling.CancelAsync();
        var samples = await sampling;

        Console.WriteLine("Waiting until metering has stored every acknowledged reading...");
        var drainedIn = await probes.WaitUntilAllStoredAsync(calls.Acknowledged, StoreTimeout);
        var stored = await CheckStoredAsync(metering, orgId, readings);
        return new SoakFigures(ranAt, loadAverage, burst, pace, options.Concurrency, options.GrpcMessageSize, duration,
            calls.Calls, lateCalls, sendingTook, calls.Acknowledged, calls.AcknowledgedSum, calls.Errors, calls.Abandoned,
            calls.AckLatency(overGrpc: false), calls.AckLatency(overGrpc: true), samples, drainedIn, stored);
    }

    /// <summary>
    /// Sends each call when it falls due, with at most <paramref name="concurrency"/> in flight, until the duration
    /// ends or a call is abandoned; answers how many calls started more than one interval late (the system answering
    /// slower than the pace).
    /// </summary>
    private static async Task<long> SendPacedAsync(
        SoakCalls calls, SoakReadings readings, SoakPace pace, TimeSpan duration, int concurrency, Stopwatch clock)
    {
        using var slots = new SemaphoreSlim(concurrency);
        var sending = new List<Task>();
        var late = 0L;
        // A call that failed every attempt has already failed the soak: the system is down, and pacing on would only
        // queue more retries against it.
        for (var call = 0L; call < pace.CallsWithin(duration) && calls.Abandoned == 0; call++)
        {
            var wait = pace.DueAt(call) - clock.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
            await slots.WaitAsync();
            if (clock.Elapsed - pace.DueAt(call) > pace.Interval)
            {
                late++;
            }
            var batch = readings.Batch(call, pace.BatchSize);
            var overGrpc = call % 2 == 1;
            sending.Add(Task.Run(async () =>
            {
                try
                {
                    await calls.SendAsync(batch, overGrpc);
                }
                finally
                {
                    slots.Release();
                }
            }));
        }
        await Task.WhenAll(sending);
        return late;
    }

    /// <summary>
    /// A few calls on each path before anything is measured, so the burst and the soak's first window do not pay for
    /// the JIT's first compilations.
    /// </summary>
    private static async Task WarmUpAsync(
        IngestSession session, NpgsqlDataSource metering, Guid orgId, SoakReadings readings, BenchOptions options)
    {
        var probes = new StoredProbes(metering, orgId);
        var calls = new SoakCalls(session.Client, options.GrpcMessageSize, probes);
        var perPath = options.Concurrency * 5;
        await Parallel.ForAsync(0L, perPath * 2L, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency },
            async (call, _) => await calls.SendAsync(readings.Batch(call, options.BatchSize), overGrpc: call >= perPath));
        _ = await probes.WaitUntilAllStoredAsync(calls.Acknowledged, StoreTimeout)
            ?? throw new TimeoutException("Metering did not store the warm-up's readings.");
    }

    private static async Task<BurstFigures> BurstAsync(
        IngestSession session, NpgsqlDataSource metering, Guid orgId, SoakReadings readings, BenchOptions options)
    {
        var probes = new StoredProbes(metering, orgId);
        var calls = new SoakCalls(session.Client, options.GrpcMessageSize, probes);
        var next = -1L;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(async _ =>
        {
            while (clock.Elapsed < BurstLength)
            {
                await calls.SendAsync(readings.Batch(Interlocked.Increment(ref next), options.BatchSize), overGrpc: false);
            }
        }));
        var ackedIn = clock.Elapsed;
        _ = await probes.WaitUntilAllStoredAsync(calls.Acknowledged, StoreTimeout)
            ?? throw new TimeoutException($"Metering did not store the burst's readings within {StoreTimeout}.");
        return new BurstFigures(calls.Acknowledged, ackedIn, clock.Elapsed, calls.Errors);
    }

    private static async Task<StoredCheck> CheckStoredAsync(NpgsqlDataSource metering, Guid orgId, SoakReadings readings)
    {
        await using var command = metering.CreateCommand("""
            SELECT count(*), count(DISTINCT reading_id), coalesce(sum(quantity), 0) FROM raw_readings
            WHERE org_id = $1 AND observed_at >= $2 AND observed_at < $3
            """);
        command.Parameters.AddWithValue(orgId);
        command.Parameters.AddWithValue(readings.From);
        command.Parameters.AddWithValue(readings.To);
        // Counting millions of rows once, at the end, may take a while on a busy machine.
        command.CommandTimeout = 600;
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new StoredCheck(reader.GetInt64(0), reader.GetInt64(1), reader.GetDecimal(2));
    }

    /// <summary>The RabbitMQ management API with the broker's own credentials (those of its AMQP connection string).</summary>
    private static async Task<HttpClient> ManagementClientAsync(RunningSystem system)
    {
        var amqp = new Uri((await system.App.GetConnectionStringAsync("rabbitmq"))!);
        var client = new HttpClient
        {
            BaseAddress = new Uri($"http://127.0.0.1:{system.Ports["rabbitmq-management"]}/"),
            Timeout = TimeSpan.FromSeconds(5),
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(amqp.UserInfo))));
        return client;
    }
}

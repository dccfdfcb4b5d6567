using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using BillingOne.SystemDriver;
using BillingOne.Testing;
using Grpc.Core;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Shouldly;
using Xunit.Abstractions;

namespace BillingOne.EndToEnd.Tests;

/// <summary>
/// Faults while usage streams in through the gateway: ingestion and metering are killed, PostgreSQL and RabbitMQ are
/// stopped for a few seconds and started again, PostgreSQL's postmaster and RabbitMQ's node are killed (the AppHost
/// starts them again), and PostgreSQL stays down for a long outage; each strikes after the first call of a phase and
/// before the rest of it is sent, and the sender retries a failed call with the same readings as any client would.
/// The server faults also strike while a Pax8 and an RMM sync run. Every reading is stored exactly once with the exact
/// sum, every service answers within a minute after each phase, every sync ends completed or failed with a reason,
/// and no <c>_error</c> queue holds a message. <c>scripts/reliability.sh</c> runs the same test with a million
/// readings (<c>BILLINGONE_RELIABILITY_READINGS</c>) and a two-minute outage
/// (<c>BILLINGONE_RELIABILITY_OUTAGE_SECONDS</c>); <c>scripts/test.sh --reliability</c> runs it alone.
/// </summary>
[Collection(FaultedSystemCollection.Name)]
[Trait("Category", "Reliability")]
public sealed class ReliabilityTests(FaultedSystemFixture fixture, ITestOutputHelper output)
{
    private const int ReadingsPerCall = 500;
    private const int Senders = 4;
    private static readonly TimeSpan Recovery = TimeSpan.FromMinutes(3);

    private static int ReadingCount => int.TryParse(Environment.GetEnvironmentVariable("BILLINGONE_RELIABILITY_READINGS"),
        out var count) && count >= 50_000 ? count : 50_000;

    /// <summary>How long PostgreSQL stays down in the long-outage phase: 45 s in the suite, longer by the variable.</summary>
    private static TimeSpan LongOutage => TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("BILLINGONE_RELIABILITY_OUTAGE_SECONDS"), out var seconds)
        && seconds >= 10 ? seconds : 45);

    private RunningSystem System => fixture.System;

    // Eight phases of outages and restarts, each bounded by its own wait: about three minutes on a busy machine.
    [SystemFact(Minutes = 8)]
    public async Task Readings_streamed_through_kills_and_server_restarts_are_stored_exactly_once_with_the_exact_sum()
    {
        var run = Guid.NewGuid().ToString("N")[..10];
        using var session = await IngestSession.StartAsync(System, $"rel-gb-{run}", $"rel-{run}-probe");
        using var api = System.CreateGatewayClient();
        var observedAt = DateTimeOffset.UtcNow.AddHours(-1);
        var readings = Enumerable.Range(0, ReadingCount)
            .Select(index => new ReadingToSend($"rel-{run}-r{index}", "rel-agent", $"rel-{run}-a{index % 200}",
                session.UnitTypeKey, 1m + index % 7 * 0.25m, observedAt.AddMilliseconds(-index)))
            .ToList();
        Task None() => Task.CompletedTask;
        var faults = new Fault[]
        {
            new("ingestion killed", () => KillAsync("ingestion"), None),
            new("metering killed", () => KillAsync("metering"), None),
            new("PostgreSQL restarted", () => SystemRecovery.StopServerAsync(System, "postgres"),
                () => SystemRecovery.StartServerAsync(System, "postgres"), DuringSyncs: true),
            new("RabbitMQ restarted", () => SystemRecovery.StopServerAsync(System, "rabbitmq"),
                () => SystemRecovery.StartServerAsync(System, "rabbitmq"), DuringSyncs: true),
            new("PostgreSQL crashed", () => CrashAsync("postgres", System.ServiceProcessOf("postgres")),
                None, DuringSyncs: true),
            new("RabbitMQ crashed", () => CrashAsync("rabbitmq", System.LauncherOf("rabbitmq")), None, DuringSyncs: true),
            new($"PostgreSQL down for {LongOutage.TotalSeconds:F0} s",
                () => SystemRecovery.StopServerAsync(System, "postgres"),
                () => SystemRecovery.StartServerAsync(System, "postgres"), DuringSyncs: true, Down: LongOutage),
            new("no fault", None, None),
        };
        var phases = readings.Chunk((int)Math.Ceiling(readings.Count / (double)faults.Length)).ToList();
        var syncRuns = new List<(string Service, Guid RunId)>();
        var retried = 0;
        var clock = Stopwatch.StartNew();

        for (var phase = 0; phase < faults.Length; phase++)
        {
            var fault = faults[phase];
            if (fault.DuringSyncs)
            {
                syncRuns.Add(("subscription", await StartSyncAsync(api, "subscription", "pax8")));
                syncRuns.Add(("reconciliation", await StartSyncAsync(api, "reconciliation", "rmm")));
            }
            var calls = new Queue<ReadingToSend[]>(phases[phase].Chunk(ReadingsPerCall));
            var firstAcknowledged = new TaskCompletionSource();
            var struck = new TaskCompletionSource();
            var senders = Enumerable.Range(0, Senders).Select(sender => Task.Run(async () =>
            {
                while (true)
                {
                    ReadingToSend[] call;
                    lock (calls)
                    {
                        if (!calls.TryDequeue(out call!))
                        {
                            return;
                        }
                    }
                    Interlocked.Add(ref retried, await SendUntilAcknowledgedAsync(session.Client, call, sender % 2 == 0));
                    firstAcknowledged.TrySetResult();
                    // The rest of the phase is sent into the fault, not ahead of it.
                    await struck.Task;
                }
            })).ToList();
            await firstAcknowledged.Task;
            try
            {
                await fault.Strike();
            }
            finally
            {
                // A stopped server stays down while the calls keep coming, then starts again; also after a fault that
                // failed to strike, so the fault tests after this one find the system whole.
                struck.SetResult();
                await Task.Delay(fault.Down ?? TimeSpan.FromSeconds(5));
                await fault.Recover();
            }
            await Task.WhenAll(senders);
            var answering = Stopwatch.StartNew();
            await SystemRecovery.EveryServiceAnswersAsync(System);
            output.WriteLine($"{fault.Name}: {phases[phase].Length:N0} readings acknowledged by " +
                $"{clock.Elapsed.TotalSeconds:F1} s, {retried} calls retried so far; every service answering " +
                $"{answering.Elapsed.TotalSeconds:F1} s after the last call");
        }
        var acknowledged = clock.Elapsed;
        retried.ShouldBeGreaterThan(0, "calls sent into a killed ingestion or a stopped database fail and are retried");

        // Connections pooled in this process before PostgreSQL restarted are dead: each check opens a fresh one.
        var meteringDatabase = new NpgsqlConnectionStringBuilder(await System.DatabaseConnectionStringAsync("metering"))
        {
            Pooling = false,
        }.ConnectionString;
        var expectedSum = readings.Sum(reading => reading.Quantity);
        await Eventually.AssertAsync(async () =>
        {
            await using var metering = new NpgsqlConnection(meteringDatabase);
            await metering.OpenAsync();
            await using var command = new NpgsqlCommand("""
                SELECT count(*), count(DISTINCT reading_id), coalesce(sum(quantity), 0)
                FROM raw_readings WHERE reading_id LIKE @pattern
                """, metering);
            command.Parameters.AddWithValue("pattern", $"rel-{run}-r%");
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            (reader.GetInt64(0), reader.GetInt64(1), reader.GetDecimal(2)).ShouldBe((readings.Count, readings.Count, expectedSum),
                $"stored rows, distinct readings and their sum ({retried} calls were retried)");
        }, TimeSpan.FromMinutes(5));
        output.WriteLine($"{readings.Count:N0} readings in {readings.Count / ReadingsPerCall:N0} calls: all acknowledged " +
            $"after {acknowledged.TotalSeconds:F1} s, all stored exactly once (sum {expectedSum}) after " +
            $"{clock.Elapsed.TotalSeconds:F1} s; {retried} calls retried");

        foreach (var (service, runId) in syncRuns)
        {
            var ended = await Eventually.ReturnsAsync(
                () => api.GetFromJsonAsync<JsonElement>($"/api/{service}/integrations/sync-runs/{runId}"),
                found => found.GetProperty("status").GetString() is "completed" or "failed",
                $"{service}'s sync run {runId} to end", TimeSpan.FromMinutes(3));
            if (ended.GetProperty("status").GetString() == "failed")
            {
                ended.GetProperty("error").GetString().ShouldNotBeNullOrWhiteSpace($"{service}'s failed run says why");
            }
            output.WriteLine($"{service} sync {runId}: {ended.GetProperty("status").GetString()} " +
                $"{(ended.TryGetProperty("error", out var error) ? error.ToString() : "")}");
        }
        (await SystemRecovery.ErrorQueueMessagesAsync(System)).ShouldBeEmpty("no acknowledged message waits in _error");
    }

    private sealed record Fault(string Name, Func<Task> Strike, Func<Task> Recover, bool DuringSyncs = false,
        TimeSpan? Down = null);

    /// <summary>Starts a sync (or finds the one already queued or running) once the service answers.</summary>
    private static Task<Guid> StartSyncAsync(HttpClient api, string service, string integration) =>
        Eventually.ReturnsAsync(async () =>
        {
            using var started = await api.PostAsJsonAsync($"/api/{service}/integrations/{integration}/sync", new { });
            if (started.StatusCode is not (HttpStatusCode.Accepted or HttpStatusCode.Conflict))
            {
                return Guid.Empty;
            }
            var body = await started.Content.ReadFromJsonAsync<JsonElement>();
            return started.StatusCode == HttpStatusCode.Accepted
                ? body.GetProperty("id").GetGuid()
                : body.GetProperty("runId").GetGuid();
        }, runId => runId != Guid.Empty, $"a {integration} sync to start", TimeSpan.FromMinutes(1));

    /// <summary>
    /// Sends one call until the system acknowledges it, as a client would: a transport failure, a 5xx, a 429 or an
    /// unavailable gRPC answer is tried again with the same readings after a pause (Retry-After when given). Every
    /// reading must come back accepted (metering keeps one copy of a reading an earlier attempt had accepted already).
    /// Answers the retries made.
    /// </summary>
    private static async Task<int> SendUntilAcknowledgedAsync(UsageIngestClient client, ReadingToSend[] call, bool overHttp)
    {
        var deadline = DateTime.UtcNow + Recovery;
        for (var attempt = 0; ; attempt++)
        {
            IngestAnswer answer;
            try
            {
                answer = overHttp
                    ? await client.SendHttpAsync(call, IngestBody.Ndjson)
                    : await client.SendGrpcAsync(call, readingsPerMessage: 100);
            }
            catch (Exception failure) when (IsPassing(failure) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(1 + attempt, 5)));
                continue;
            }
            answer.Outcomes.Count.ShouldBe(call.Length);
            answer.Outcomes.ShouldAllBe(outcome => outcome.Status == "accepted");
            return attempt;
        }
    }

    private static bool IsPassing(Exception failure) => failure switch
    {
        HttpRequestException { StatusCode: null or HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError } => true,
        // This client never cancels its own calls: CANCELLED is a stream reset under it (a process killed while the
        // client was still writing), which a client retries like any other lost call.
        RpcException rpc => rpc.StatusCode is StatusCode.Unavailable or StatusCode.ResourceExhausted or StatusCode.Internal
            or StatusCode.Unknown or StatusCode.DeadlineExceeded or StatusCode.Aborted or StatusCode.Cancelled,
        TaskCanceledException or IOException => true,
        _ => false,
    };

    private Task KillAsync(string resource)
    {
        Process.GetProcessById(System.ServiceProcessOf(resource)).Kill();
        return Task.CompletedTask;
    }

    /// <summary>Kills a server's process tree as a crash would, and waits for the AppHost to run it again.</summary>
    private async Task CrashAsync(string server, int process)
    {
        var launcher = System.LauncherOf(server);
        Process.GetProcessById(process).Kill(entireProcessTree: true);
        await Eventually.AssertAsync(() =>
        {
            System.LauncherOf(server).ShouldNotBe(launcher, $"{server} started again");
            return Task.CompletedTask;
        }, SystemRecovery.ServerBack);
    }

}

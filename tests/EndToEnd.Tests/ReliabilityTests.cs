using System.Diagnostics;
using System.Net;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using BillingOne.SystemDriver;
using BillingOne.Testing;
using Grpc.Core;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Shouldly;

namespace BillingOne.EndToEnd.Tests;

/// <summary>
/// Faults while usage streams in through the gateway: ingestion and metering are killed, PostgreSQL and RabbitMQ are
/// stopped and started again, each while a phase of the readings is being sent, and the sender retries a failed call
/// with the same readings as any client would. Every reading is stored exactly once and the quantities add up to the
/// cent. <c>scripts/reliability.sh</c> runs the same test with a million readings
/// (<c>BILLINGONE_RELIABILITY_READINGS</c>); <c>scripts/test.sh --reliability</c> runs it alone.
/// </summary>
[Collection(RunningSystemCollection.Name)]
[Trait("Category", "Reliability")]
public sealed class ReliabilityTests(SystemFixture fixture)
{
    private const int ReadingsPerCall = 500;
    private const int Senders = 4;
    private static readonly TimeSpan Recovery = TimeSpan.FromMinutes(3);

    private static int ReadingCount => int.TryParse(Environment.GetEnvironmentVariable("BILLINGONE_RELIABILITY_READINGS"),
        out var count) && count >= 50_000 ? count : 50_000;

    private RunningSystem System => fixture.System;

    [Fact]
    public async Task Readings_streamed_through_kills_and_server_restarts_are_stored_exactly_once_with_the_exact_sum()
    {
        var run = Guid.NewGuid().ToString("N")[..10];
        using var session = await IngestSession.StartAsync(System, $"rel-gb-{run}", $"rel-{run}-probe");
        var observedAt = DateTimeOffset.UtcNow.AddHours(-1);
        var readings = Enumerable.Range(0, ReadingCount)
            .Select(index => new ReadingToSend($"rel-{run}-r{index}", "rel-agent", $"rel-{run}-a{index % 200}",
                session.UnitTypeKey, 1m + index % 7 * 0.25m, observedAt.AddMilliseconds(-index)))
            .ToList();
        var faults = new (string Name, Func<Task> Inject)[]
        {
            ("ingestion killed", () => KillAsync("ingestion")),
            ("metering killed", () => KillAsync("metering")),
            ("PostgreSQL restarted", () => RestartAsync("postgres")),
            ("RabbitMQ restarted", () => RestartAsync("rabbitmq")),
            ("no fault", () => Task.CompletedTask),
        };
        var phases = readings.Chunk((int)Math.Ceiling(readings.Count / (double)faults.Length)).ToList();
        var retried = 0;

        for (var phase = 0; phase < faults.Length; phase++)
        {
            var calls = new Queue<ReadingToSend[]>(phases[phase].Chunk(ReadingsPerCall));
            var firstAcknowledged = new TaskCompletionSource();
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
                }
            })).ToList();
            // The fault strikes while the phase's calls are in flight.
            await firstAcknowledged.Task;
            await faults[phase].Inject();
            await Task.WhenAll(senders);
            await AllHealthyAsync();
        }

        await using var metering = new NpgsqlConnection(await System.DatabaseConnectionStringAsync("metering"));
        await metering.OpenAsync();
        var expectedSum = readings.Sum(reading => reading.Quantity);
        await Eventually.AssertAsync(async () =>
        {
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
    }

    /// <summary>
    /// Sends one call until the system acknowledges it, as a client would: a transport failure, a 5xx, a 429 or an
    /// unavailable gRPC answer is tried again with the same readings after a pause (Retry-After when given). Every
    /// reading must come back accepted, or a duplicate of one an earlier attempt stored. Answers the retries made.
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
            answer.Outcomes.ShouldAllBe(outcome => outcome.Status == "accepted" || outcome.Status == "duplicate");
            return attempt;
        }
    }

    private static bool IsPassing(Exception failure) => failure switch
    {
        HttpRequestException { StatusCode: null or HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError } => true,
        RpcException rpc => rpc.StatusCode is StatusCode.Unavailable or StatusCode.ResourceExhausted or StatusCode.Internal
            or StatusCode.Unknown or StatusCode.DeadlineExceeded or StatusCode.Aborted,
        TaskCanceledException or IOException => true,
        _ => false,
    };

    private Task KillAsync(string resource)
    {
        Process.GetProcessById(System.ServiceProcessOf(resource)).Kill();
        return Task.CompletedTask;
    }

    /// <summary>Stops the server, leaves it down a few seconds, and starts it again.</summary>
    private async Task RestartAsync(string server)
    {
        var stopped = await System.App.ResourceCommands.ExecuteCommandAsync(server, KnownResourceCommands.StopCommand);
        stopped.Success.ShouldBeTrue(stopped.Message);
        await Task.Delay(TimeSpan.FromSeconds(5));
        var started = await System.App.ResourceCommands.ExecuteCommandAsync(server, KnownResourceCommands.StartCommand);
        started.Success.ShouldBeTrue(started.Message);
    }

    private Task AllHealthyAsync() => Eventually.AssertAsync(() =>
    {
        foreach (var resource in RunningSystem.Projects.Append("postgres").Append("rabbitmq"))
        {
            System.Snapshot(resource).HealthStatus.ShouldBe(HealthStatus.Healthy, resource);
        }
        return Task.CompletedTask;
    }, Recovery);
}

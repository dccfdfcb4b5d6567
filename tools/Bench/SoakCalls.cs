using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using BillingOne.SystemDriver;
using Grpc.Core;

namespace BillingOne.Bench;

/// <summary>
/// Sends ingest calls and keeps account of their answers: every answer that is not a success is an error, counted by
/// kind (backpressure — HTTP 429 or gRPC RESOURCE_EXHAUSTED — separately), and the call is sent again with the same
/// readings after a pause, as a client would, so that every reading ends up acknowledged once and the stored rows can be
/// checked against exactly what was acknowledged. Readings an answer acknowledges (accepted, or on a retry duplicate of
/// an earlier attempt's) are added to the count and sum, and the call's last one becomes the probe that tells when
/// metering has stored the call.
/// </summary>
public sealed class SoakCalls(UsageIngestClient client, int grpcMessageSize, StoredProbes probes)
{
    public const string Backpressure = "backpressure";
    private const int Attempts = 10;

    private readonly ConcurrentDictionary<string, long> errors = new(StringComparer.Ordinal);
    private long calls;
    private long acknowledged;
    private long abandoned;
    private decimal acknowledgedSum;
    private readonly Lock sumLock = new();
    private readonly ConcurrentQueue<TimeSpan> httpAcks = new();
    private readonly ConcurrentQueue<TimeSpan> grpcAcks = new();

    public long Calls => Interlocked.Read(ref calls);

    public long Acknowledged => Interlocked.Read(ref acknowledged);

    /// <summary>Calls still failing after every attempt: their readings may or may not be stored.</summary>
    public long Abandoned => Interlocked.Read(ref abandoned);

    public decimal AcknowledgedSum
    {
        get
        {
            lock (sumLock)
            {
                return acknowledgedSum;
            }
        }
    }

    /// <summary>Every answer that was not a success, by kind.</summary>
    public IReadOnlyDictionary<string, long> Errors => errors.ToDictionary();

    public long ErrorCount => errors.Values.Sum();

    /// <summary>How long the answering attempt of each call over the path took, from sending to its acknowledgement.</summary>
    public LatencySummary AckLatency(bool overGrpc) => LatencySummary.Of(overGrpc ? grpcAcks : httpAcks);

    public async Task SendAsync(IReadOnlyList<ReadingToSend> batch, bool overGrpc)
    {
        Interlocked.Increment(ref calls);
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                var answer = overGrpc
                    ? await client.SendGrpcAsync(batch, grpcMessageSize, outcomes: IngestOutcomes.Exceptions)
                    : await client.SendHttpAsync(batch, IngestBody.Ndjson, outcomes: IngestOutcomes.Exceptions);
                (overGrpc ? grpcAcks : httpAcks).Enqueue(Stopwatch.GetElapsedTime(started));
                Acknowledge(batch, answer, retried: attempt > 1);
                return;
            }
            catch (Exception exception) when (Kind(exception) is { } kind)
            {
                errors.AddOrUpdate(kind, 1, (_, count) => count + 1);
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)));
            }
        }
        Interlocked.Increment(ref abandoned);
    }

    private void Acknowledge(IReadOnlyList<ReadingToSend> batch, IngestAnswer answer, bool retried)
    {
        var count = 0;
        var sum = 0m;
        ReadingToSend? probe = null;
        foreach (var outcome in answer.Outcomes.OrderBy(outcome => outcome.Position))
        {
            if (outcome.Status == "accepted" || (retried && outcome.Status == "duplicate"))
            {
                var reading = batch[outcome.Position];
                count++;
                sum += reading.Quantity;
                probe = reading;
            }
            else
            {
                errors.AddOrUpdate($"reading {outcome.Status}", 1, (_, total) => total + 1);
            }
        }
        Interlocked.Add(ref acknowledged, count);
        lock (sumLock)
        {
            acknowledgedSum += sum;
        }
        if (probe is not null)
        {
            probes.Add(probe, count);
        }
    }

    /// <summary>The kind of error a failed call counts as; null for what is not an answer (the bench's own bugs).</summary>
    private static string? Kind(Exception exception) => exception switch
    {
        HttpRequestException { StatusCode: HttpStatusCode.TooManyRequests } => Backpressure,
        RpcException { StatusCode: StatusCode.ResourceExhausted } => Backpressure,
        HttpRequestException { StatusCode: { } status } => $"HTTP {(int)status}",
        HttpRequestException => "HTTP transport error",
        TaskCanceledException => "HTTP timeout",
        RpcException rpc => $"gRPC {rpc.StatusCode}",
        _ => null,
    };
}

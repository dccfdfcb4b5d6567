using BillingOne.Ingestion.Domain;

namespace BillingOne.Ingestion.Application;

/// <summary>What <see cref="MeteringBacklogSampler"/> last measured and decided.</summary>
public sealed record MeteringBacklogState(
    DateTimeOffset SampledAt,
    long UnsentOutboxRows,
    long MeteringQueueDepth,
    TimeSpan OldestUnsentAge,
    bool Refusing,
    TimeSpan RetryAfter)
{
    public static readonly MeteringBacklogState NotSampled =
        new(DateTimeOffset.MinValue, 0, 0, TimeSpan.Zero, Refusing: false, TimeSpan.Zero);

    public long QueuedBatches => UnsentOutboxRows + MeteringQueueDepth;
}

/// <summary>
/// The signal ingest calls read before doing any work: whether metering has fallen too far behind, from the last
/// measurement in memory (no database or broker round trip per call). The pipeline reports each batch it enqueues
/// so the sampler can tell metering's drain rate from new arrivals.
/// </summary>
public sealed class MeteringBacklog
{
    public const string RefusedDetail =
        "Usage readings are coming in faster than they can be metered. Nothing of this call was stored: send it " +
        "again after the Retry-After delay (seconds).";

    private MeteringBacklogState current = MeteringBacklogState.NotSampled;
    private long enqueuedSinceSample;

    public MeteringBacklogState Current => Volatile.Read(ref current);

    /// <summary>Whether calls are refused now, and for how long callers should wait.</summary>
    public bool IsRefusing(out TimeSpan retryAfter)
    {
        var state = Current;
        retryAfter = state.RetryAfter;
        return state.Refusing;
    }

    /// <summary>Called once per committed <c>UsageReadingsAccepted</c>.</summary>
    public void RecordEnqueued() => Interlocked.Increment(ref enqueuedSinceSample);

    internal long TakeEnqueued() => Interlocked.Exchange(ref enqueuedSinceSample, 0);

    internal void Publish(MeteringBacklogState state) => Volatile.Write(ref current, state);

    /// <summary>Retry-After in whole seconds, as the HTTP header and the gRPC trailer carry it.</summary>
    public static string RetryAfterSeconds(TimeSpan retryAfter) =>
        ((int)Math.Ceiling(Math.Max(retryAfter.TotalSeconds, IngestBackpressureOptions.MinRetryAfter.TotalSeconds)))
        .ToString(System.Globalization.CultureInfo.InvariantCulture);
}

namespace BillingOne.Ingestion.Domain;

/// <summary>
/// When ingestion refuses calls because metering has fallen behind. Bound from configuration section
/// <see cref="SectionName"/>. A queued batch is one accepted ingest call (one <c>UsageReadingsAccepted</c>), waiting
/// either as an unsent outbox row or as a message in metering's queue. The defaults follow
/// <c>docs/benchmarks.md</c>: metering stores 15–19k readings/s on 2 cores, about 3–4 batches of 5,000 readings a
/// second, so 600 queued batches is roughly three minutes of its work; the relay normally publishes a row within a
/// second, so a row unsent for 30 s means the relay or the broker is behind.
/// </summary>
public sealed class IngestBackpressureOptions
{
    public const string SectionName = "Ingest:Backpressure";

    /// <summary>Above this many queued batches (outbox and metering's queue together) calls are refused.</summary>
    public long MaxQueuedBatches { get; init; } = 600;

    /// <summary>Once the oldest unsent outbox row is older than this, calls are refused.</summary>
    public TimeSpan MaxOldestUnsentAge { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Refusing stops only once both the queued batches and the oldest row's age are at or below this fraction of their
    /// bounds, so that a backlog hovering at the bound does not flip between refusing and accepting.
    /// </summary>
    public double ResumeFraction { get; init; } = 0.5;

    /// <summary>How often the backlog is measured; calls read the last measurement.</summary>
    public TimeSpan SampleInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The queue metering's consumer of <c>UsageReadingsAccepted</c> reads (MassTransit's kebab-case name).</summary>
    public string MeteringQueue { get; init; } = "metering-usage-readings-accepted";

    public static readonly TimeSpan MinRetryAfter = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(30);
}

using BillingOne.BuildingBlocks.Hosting;
using BillingOne.Ingestion.Data;
using BillingOne.Ingestion.Domain;

namespace BillingOne.Ingestion.Application;

/// <summary>
/// Measures metering's backlog every <see cref="IngestBackpressureOptions.SampleInterval"/> — ingestion's unsent outbox
/// rows and the depth of metering's readings queue — and publishes the decision of a <see cref="BackpressureGate"/> to
/// <see cref="MeteringBacklog"/>. While the broker cannot be asked, the queue counts as empty: the outbox then grows
/// (the relay cannot publish either), so the bound still holds.
/// </summary>
public sealed partial class MeteringBacklogSampler(
    MeteringBacklog backlog,
    OutboxBacklogStore outbox,
    IMeteringQueueDepth meteringQueue,
    IngestBackpressureOptions options,
    TimeProvider clock,
    ILogger<MeteringBacklogSampler> logger) : PeriodicWorker(clock)
{
    private readonly BackpressureGate gate = new(options);
    private bool queueUnreadable;
    private bool sampleFailing;

    protected override TimeSpan Interval => options.SampleInterval;

    protected override async Task RunPassAsync(CancellationToken cancellationToken)
    {
        // Counting far past the bound would tell nothing more and cost a longer index scan.
        var (unsent, oldestAge) = await outbox.MeasureAsync(Math.Max(options.MaxQueuedBatches, 1) * 4, cancellationToken);
        var queueDepth = await MeteringQueueDepthAsync(cancellationToken);
        var sample = new BacklogSample(Clock.GetUtcNow(), unsent + queueDepth, oldestAge, backlog.TakeEnqueued());
        var wasRefusing = gate.Refusing;
        gate.Observe(sample);
        backlog.Publish(new MeteringBacklogState(sample.At, unsent, queueDepth, oldestAge, gate.Refusing,
            gate.RetryAfter));
        sampleFailing = false;
        if (gate.Refusing != wasRefusing)
        {
            if (gate.Refusing)
            {
                LogRefusing(sample.QueuedBatches, oldestAge.TotalSeconds);
            }
            else
            {
                LogAccepting(sample.QueuedBatches, oldestAge.TotalSeconds);
            }
        }
    }

    private async Task<long> MeteringQueueDepthAsync(CancellationToken cancellationToken)
    {
        try
        {
            var depth = await meteringQueue.CountAsync(cancellationToken);
            queueUnreadable = false;
            return depth;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            if (!queueUnreadable)
            {
                LogQueueUnreadable(exception, options.MeteringQueue);
            }
            queueUnreadable = true;
            return 0;
        }
    }

    protected override void OnPassFailed(Exception exception)
    {
        // Once per outage, not once a second.
        if (!sampleFailing)
        {
            LogSampleFailed(exception);
        }
        sampleFailing = true;
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Metering is behind ({Batches} batches queued, oldest unsent {OldestSeconds:F0} s): refusing ingest calls")]
    private partial void LogRefusing(long batches, double oldestSeconds);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Metering caught up ({Batches} batches queued, oldest unsent {OldestSeconds:F0} s): accepting ingest calls")]
    private partial void LogAccepting(long batches, double oldestSeconds);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Could not read the depth of queue {Queue}; counting only the outbox until it can be read")]
    private partial void LogQueueUnreadable(Exception exception, string queue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not measure metering's backlog; keeping the last decision")]
    private partial void LogSampleFailed(Exception exception);
}

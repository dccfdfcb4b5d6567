namespace BillingOne.Ingestion.Domain;

/// <summary>
/// One measurement of metering's backlog: batches waiting (unsent outbox rows plus messages in metering's queue), the
/// age of the oldest unsent outbox row, and the batches this instance enqueued since the previous measurement (so the
/// drain rate can be told apart from new arrivals).
/// </summary>
public readonly record struct BacklogSample(
    DateTimeOffset At, long QueuedBatches, TimeSpan OldestUnsentAge, long EnqueuedSincePrevious);

/// <summary>
/// Decides from successive <see cref="BacklogSample"/>s whether ingest calls are refused, with hysteresis: refusing
/// starts above a bound and stops only at or below <see cref="IngestBackpressureOptions.ResumeFraction"/> of every
/// bound. It also estimates when a refused caller should retry: the batches above the resume level divided by the
/// recent drain rate, in whole seconds between 1 and 30 (30 while nothing is seen to drain).
/// </summary>
public sealed class BackpressureGate(IngestBackpressureOptions options)
{
    // Weight of the newest drain-rate measurement: smooths one busy or idle second without lagging for long.
    private const double Smoothing = 0.3;

    private BacklogSample? previous;

    public bool Refusing { get; private set; }

    /// <summary>Batches metering took off the backlog per second, smoothed; null before two samples.</summary>
    public double? DrainPerSecond { get; private set; }

    public void Observe(BacklogSample sample)
    {
        if (previous is { } last && sample.At > last.At)
        {
            var drained = Math.Max(0, last.QueuedBatches + sample.EnqueuedSincePrevious - sample.QueuedBatches);
            var rate = drained / (sample.At - last.At).TotalSeconds;
            DrainPerSecond = DrainPerSecond is { } smoothed ? smoothed + Smoothing * (rate - smoothed) : rate;
        }
        previous = sample;
        Refusing = Refusing ? !AtOrBelowResumeLevel(sample) : OverBound(sample);
    }

    /// <summary>When a refused caller should try again; meaningful while <see cref="Refusing"/>.</summary>
    public TimeSpan RetryAfter
    {
        get
        {
            if (previous is not { } last || DrainPerSecond is not > 0)
            {
                return IngestBackpressureOptions.MaxRetryAfter;
            }
            var excess = Math.Max(0, last.QueuedBatches - ResumeBatches);
            var seconds = Math.Ceiling(excess / DrainPerSecond.Value);
            return TimeSpan.FromSeconds(Math.Clamp(seconds,
                IngestBackpressureOptions.MinRetryAfter.TotalSeconds, IngestBackpressureOptions.MaxRetryAfter.TotalSeconds));
        }
    }

    private long ResumeBatches => (long)Math.Floor(options.MaxQueuedBatches * options.ResumeFraction);

    private bool OverBound(BacklogSample sample) =>
        sample.QueuedBatches > options.MaxQueuedBatches || sample.OldestUnsentAge > options.MaxOldestUnsentAge;

    private bool AtOrBelowResumeLevel(BacklogSample sample) =>
        sample.QueuedBatches <= ResumeBatches
        && sample.OldestUnsentAge <= options.MaxOldestUnsentAge * options.ResumeFraction;
}

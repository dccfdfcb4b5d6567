namespace BillingOne.Bench;

/// <summary>The burst at the start of a soak: HTTP NDJSON calls at full speed, the measured maximum.</summary>
public sealed record BurstFigures(long Readings, TimeSpan AckedIn, TimeSpan StoredIn, IReadOnlyDictionary<string, long> Errors)
{
    public double AckedPerSecond => Readings / AckedIn.TotalSeconds;

    /// <summary>First call sent → metering has every reading: the maximum the soak takes half of.</summary>
    public double StoredPerSecond => Readings / StoredIn.TotalSeconds;
}

/// <summary>What metering's raw_readings hold in the soak's window, after sending has ended and the backlog drained.</summary>
public sealed record StoredCheck(long Rows, long DistinctReadings, decimal Sum);

/// <summary>A soak's figures and its verdict.</summary>
/// <param name="HttpAck">Each HTTP call's answering attempt, sent to acknowledged.</param>
/// <param name="GrpcAck">Each gRPC call's answering attempt, sent to acknowledged.</param>
/// <param name="DrainedIn">From the end of sending until every acknowledged call was stored; null when some were not
/// stored within the wait.</param>
public sealed record SoakFigures(
    DateTimeOffset RanAt,
    double LoadAverageAtStart,
    BurstFigures? Burst,
    SoakPace Pace,
    int Concurrency,
    int GrpcMessageSize,
    TimeSpan Duration,
    long Calls,
    long LateCalls,
    TimeSpan SendingTook,
    long Acknowledged,
    decimal AcknowledgedSum,
    IReadOnlyDictionary<string, long> Errors,
    long AbandonedCalls,
    LatencySummary HttpAck,
    LatencySummary GrpcAck,
    IReadOnlyList<SoakSample> Samples,
    TimeSpan? DrainedIn,
    StoredCheck Stored)
{
    public SoakWindows Windows => SoakWindows.For(Duration);

    /// <summary>How much a backlog may grow between the windows and still be flat: one sampling interval's calls.</summary>
    public long BacklogAllowance => Pace.CallsPer(SoakSampler.Interval);

    public long ErrorCount => Errors.Values.Sum();

    public long BackpressureCount => Errors.GetValueOrDefault(SoakCalls.Backpressure);

    public SoakGrowth? Memory(string part) =>
        SoakGrowth.Of(Samples.Select(sample => (sample.At, sample.ResidentMiB[part])), Windows);

    public SoakGrowth? QueueDepth => SoakGrowth.Of(Samples
        .Where(sample => sample.QueueDepth is not null)
        .Select(sample => (sample.At, (double)sample.QueueDepth!.Value)), Windows);

    public SoakGrowth? OutboxUnsent =>
        SoakGrowth.Of(Samples.Select(sample => (sample.At, (double)sample.OutboxUnsent)), Windows);

    /// <summary>Every acknowledged reading stored once, nothing else stored, with the exact sum of quantities.</summary>
    public bool StoredExactlyOnce =>
        DrainedIn is not null && Stored.Rows == Stored.DistinctReadings && Stored.DistinctReadings == Acknowledged
        && Stored.Sum == AcknowledgedSum;

    /// <summary>Why the soak failed; empty when it passed.</summary>
    public IReadOnlyList<string> Failures
    {
        get
        {
            var failures = new List<string>();
            if (ErrorCount > 0)
            {
                failures.Add(FormattableString.Invariant($"{ErrorCount:N0} error(s)"));
            }
            if (AbandonedCalls > 0)
            {
                failures.Add(FormattableString.Invariant($"{AbandonedCalls:N0} call(s) still failing after every attempt"));
            }
            if (!StoredExactlyOnce)
            {
                failures.Add("the stored readings differ from the acknowledged ones");
            }
            if (SoakGrowth.KeepsGrowing(QueueDepth, BacklogAllowance))
            {
                failures.Add("metering's queue keeps growing");
            }
            if (SoakGrowth.KeepsGrowing(OutboxUnsent, BacklogAllowance))
            {
                failures.Add("ingestion's unsent outbox keeps growing");
            }
            return failures;
        }
    }

    public bool Passed => Failures.Count == 0;
}

namespace BillingOne.Bench;

/// <summary>
/// A steady rate sent in calls of a fixed size: call k is due k × batch ÷ rate after the start, counted from the start
/// rather than from the call before, so a call that starts late does not push back the ones after it and the rate holds
/// over the whole run.
/// </summary>
public sealed record SoakPace
{
    public SoakPace(int readingsPerSecond, int batchSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(readingsPerSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ReadingsPerSecond = readingsPerSecond;
        BatchSize = batchSize;
    }

    public int ReadingsPerSecond { get; }

    public int BatchSize { get; }

    /// <summary>The time between two calls' due times.</summary>
    public TimeSpan Interval => DueAt(1);

    /// <summary>When call <paramref name="call"/> (from 0) is due, after the start.</summary>
    public TimeSpan DueAt(long call) =>
        TimeSpan.FromTicks(call * BatchSize * TimeSpan.TicksPerSecond / ReadingsPerSecond);

    /// <summary>How many calls fall due before <paramref name="duration"/> has passed.</summary>
    public long CallsWithin(TimeSpan duration)
    {
        // Call k is due before the end exactly when k × batch × ticks/s < duration × rate: the calls are the
        // ceiling of the quotient, in whole numbers so that no rounding adds or drops a call.
        var readingTicks = duration.Ticks * ReadingsPerSecond;
        var perCall = (long)BatchSize * TimeSpan.TicksPerSecond;
        return (readingTicks + perCall - 1) / perCall;
    }

    /// <summary>The calls of one sampling interval, at least one: how much the backlog may grow and still be flat.</summary>
    public long CallsPer(TimeSpan interval) => Math.Max(1, CallsWithin(interval));
}

namespace BillingOne.Hosting;

/// <summary>
/// Exponential back-off between restarts of a crashed process: <see cref="InitialDelay"/>, twice that,
/// four times… capped at <see cref="MaxDelay"/>. A process that ran for at least <see cref="StableAfter"/>
/// before crashing starts the sequence again, so one crash a day does not wait a minute to restart.
/// </summary>
public sealed record RestartPolicy(TimeSpan InitialDelay, TimeSpan MaxDelay, TimeSpan StableAfter)
{
    public static RestartPolicy Default { get; } =
        new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(60));

    /// <summary>Delay before restart number <paramref name="consecutiveCrashes"/> (1 = first crash in a row).</summary>
    public TimeSpan DelayFor(int consecutiveCrashes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(consecutiveCrashes, 1);
        // 2^30 already exceeds any sane cap; stopping there keeps the arithmetic away from overflow.
        var factor = Math.Pow(2, Math.Min(consecutiveCrashes - 1, 30));
        var delayTicks = Math.Min(InitialDelay.Ticks * factor, MaxDelay.Ticks);
        return TimeSpan.FromTicks((long)delayTicks);
    }

    /// <summary>How many crashes in a row count now, given the previous count and how long the process ran.</summary>
    public int NextConsecutiveCrashes(int previousConsecutiveCrashes, TimeSpan uptime) =>
        uptime >= StableAfter ? 1 : previousConsecutiveCrashes + 1;
}

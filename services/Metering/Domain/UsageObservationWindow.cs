namespace BillingOne.Metering.Domain;

/// <summary>
/// The instants a usage observation of a period reports the usage as of (readings before each are counted): the end of
/// every day of the period that has ended by <see cref="ObservedAt"/> (the daily series), then
/// <see cref="ObservedAt"/> itself (the usage so far).
/// </summary>
public sealed record UsageObservationWindow(BillingPeriod Period, DateTimeOffset ObservedAt,
    IReadOnlyList<DateTimeOffset> DayEnds)
{
    /// <summary>The window of <paramref name="period"/> observed at <paramref name="now"/> (at most its end).</summary>
    public static UsageObservationWindow At(BillingPeriod period, DateTimeOffset now)
    {
        var observedAt = now < period.End ? now : period.End;
        return new UsageObservationWindow(period, observedAt,
            period.DayEnds().Where(dayEnd => dayEnd <= observedAt).ToList());
    }

    /// <summary>The whole of a finalized period: every day, observed at the period's end.</summary>
    public static UsageObservationWindow Final(BillingPeriod period) => At(period, period.End);

    /// <summary>The day ends, then the observation instant: what the usage statement is asked for, in order.</summary>
    public IReadOnlyList<DateTimeOffset> Cutoffs() => [.. DayEnds, ObservedAt];
}

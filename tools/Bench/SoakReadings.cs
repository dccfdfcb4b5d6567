using BillingOne.SystemDriver;

namespace BillingOne.Bench;

/// <summary>
/// One phase's readings (the burst's or the soak's), made call by call as they are sent rather than held in memory:
/// reading n has the id <c>soak-{phase}-{run}-{n}</c> and is observed 100 µs after reading n − 1, from the start of a
/// day of the phase's own, so the phase's stored rows are counted by time range on the primary key.
/// </summary>
public sealed class SoakReadings(string phase, string unitTypeKey, DateTimeOffset from)
{
    private static readonly TimeSpan Step = TimeSpan.FromTicks(1_000);
    private readonly string run = Guid.NewGuid().ToString("N")[..8];

    public DateTimeOffset From => from;

    /// <summary>A day holds 864 million readings 100 µs apart: more than any soak sends.</summary>
    public DateTimeOffset To => from.AddDays(1);

    /// <summary>The readings of call <paramref name="call"/> (from 0), <paramref name="size"/> per call.</summary>
    public IReadOnlyList<ReadingToSend> Batch(long call, int size)
    {
        var readings = new ReadingToSend[size];
        for (var i = 0; i < size; i++)
        {
            var n = call * size + i;
            readings[i] = ReadingSet.Reading("soak", phase, run, n, unitTypeKey, from + Step * n);
        }
        return readings;
    }
}

using BillingOne.SystemDriver;

namespace BillingOne.Bench;

/// <summary>
/// The readings of one scenario: unique ids, spread over a fixed set of assets, observed inside the scenario's own
/// hour-long window so that its stored rows can be counted by time range on the primary key.
/// </summary>
public sealed record ReadingSet(string Scenario, IReadOnlyList<ReadingToSend> Readings, DateTimeOffset From, DateTimeOffset To)
{
    public const int Assets = 2_000;

    public static ReadingSet Create(string scenario, int count, string unitTypeKey, DateTimeOffset windowStart)
    {
        var window = TimeSpan.FromHours(1);
        var step = window / count;
        var run = Guid.NewGuid().ToString("N")[..8];
        var readings = new ReadingToSend[count];
        for (var i = 0; i < count; i++)
        {
            readings[i] = Reading("bench", scenario, run, i, unitTypeKey, windowStart + step * i);
        }
        return new ReadingSet(scenario, readings, windowStart, windowStart + window);
    }

    /// <summary>
    /// Reading <paramref name="n"/> of a run of the bench or the soak (<paramref name="kind"/>): an id of its own, one
    /// of <see cref="Assets"/> assets in turn, a quantity that repeats every 1,000 readings, a description on every tenth.
    /// </summary>
    public static ReadingToSend Reading(string kind, string name, string run, long n, string unitTypeKey, DateTimeOffset observedAt) =>
        new($"{kind}-{name}-{run}-{n}", $"{kind}-agent", $"{kind}-asset-{n % Assets}", unitTypeKey, 1m + n % 1000 / 8m, observedAt,
            n % 10 == 0 ? "nightly backup" : null);

    public IEnumerable<IReadOnlyList<ReadingToSend>> Batches(int size) => Readings.Chunk(size);
}

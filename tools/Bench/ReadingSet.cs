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
            readings[i] = new ReadingToSend(
                $"bench-{scenario}-{run}-{i}",
                "bench-agent",
                $"bench-asset-{i % Assets}",
                unitTypeKey,
                1m + i % 1000 / 8m,
                windowStart + step * i,
                i % 10 == 0 ? "nightly backup" : null);
        }
        return new ReadingSet(scenario, readings, windowStart, windowStart + window);
    }

    public IEnumerable<IReadOnlyList<ReadingToSend>> Batches(int size) => Readings.Chunk(size);
}

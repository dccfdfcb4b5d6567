using System.Collections.Concurrent;
using System.Diagnostics;

namespace BillingOne.Bench;

/// <summary>How long a set of calls took in all, and each one, with a fixed number in flight.</summary>
public sealed record TimedCalls(TimeSpan Elapsed, LatencySummary Latency)
{
    public static async Task<TimedCalls> RunAsync<T>(
        IEnumerable<T> items, int concurrency, Func<T, CancellationToken, Task> call)
    {
        var latencies = new ConcurrentBag<TimeSpan>();
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (item, cancellationToken) =>
            {
                var timer = Stopwatch.StartNew();
                await call(item, cancellationToken);
                latencies.Add(timer.Elapsed);
            });
        return new TimedCalls(clock.Elapsed, LatencySummary.Of(latencies));
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using BillingOne.Testing;
using Npgsql;

namespace BillingOne.Bench;

/// <summary>
/// Sends one reading set through the gateway with a fixed number of calls in flight, timing every acknowledgement,
/// then waits until metering has stored every reading.
/// </summary>
public sealed class IngestScenario(NpgsqlDataSource metering, Guid orgId, int concurrency)
{
    private static readonly TimeSpan StoreTimeout = TimeSpan.FromMinutes(10);

    public async Task<ScenarioResult> RunAsync(
        string name, ReadingSet set, int batchSize, Func<IReadOnlyList<ReadingToSend>, Task<IngestAnswer>> send)
    {
        var latencies = new ConcurrentBag<TimeSpan>();
        var accepted = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(set.Batches(batchSize), new ParallelOptions { MaxDegreeOfParallelism = concurrency },
            async (batch, _) =>
            {
                var call = Stopwatch.StartNew();
                var answer = await send(batch);
                latencies.Add(call.Elapsed);
                Interlocked.Add(ref accepted, answer.Accepted);
            });
        var ackedIn = clock.Elapsed;
        if (accepted != set.Readings.Count)
        {
            throw new InvalidOperationException(
                $"{name}: {accepted} of {set.Readings.Count} readings accepted; the benchmark needs all of them.");
        }
        await WaitUntilStoredAsync(set);
        return new ScenarioResult(name, set.Readings.Count, ackedIn, clock.Elapsed, LatencySummary.Of(latencies));
    }

    private async Task WaitUntilStoredAsync(ReadingSet set)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            await using var command = metering.CreateCommand(
                "SELECT count(*) FROM raw_readings WHERE org_id = $1 AND observed_at >= $2 AND observed_at < $3");
            command.Parameters.AddWithValue(orgId);
            command.Parameters.AddWithValue(set.From);
            command.Parameters.AddWithValue(set.To);
            var stored = (long)(await command.ExecuteScalarAsync())!;
            if (stored >= set.Readings.Count)
            {
                return;
            }
            if (deadline.Elapsed > StoreTimeout)
            {
                throw new TimeoutException($"Metering stored {stored} of {set.Readings.Count} readings in {StoreTimeout}.");
            }
            await Task.Delay(100);
        }
    }
}

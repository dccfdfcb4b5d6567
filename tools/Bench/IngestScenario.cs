using System.Diagnostics;
using BillingOne.SystemDriver;
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
        var accepted = 0;
        var clock = Stopwatch.StartNew();
        var calls = await TimedCalls.RunAsync(set.Batches(batchSize), concurrency, async (batch, _) =>
            Interlocked.Add(ref accepted, (await send(batch)).Accepted));
        if (accepted != set.Readings.Count)
        {
            throw new InvalidOperationException(
                $"{name}: {accepted} of {set.Readings.Count} readings accepted; the benchmark needs all of them.");
        }
        await WaitUntilStoredAsync(set, batchSize);
        return new ScenarioResult(name, set.Readings.Count, calls.Elapsed, clock.Elapsed, calls.Latency);
    }

    /// <summary>
    /// Metering stores each call's readings in one transaction, so one reading per call tells when it is stored: the
    /// wait looks those up by primary key, then counts the whole set once. (Counting the set every 100 ms scanned up
    /// to every stored row each time and made the database look busier than the system under test made it.)
    /// </summary>
    private async Task WaitUntilStoredAsync(ReadingSet set, int batchSize)
    {
        var deadline = Stopwatch.StartNew();
        var pending = set.Batches(batchSize).Select(batch => batch[^1]).ToList();
        while (true)
        {
            if (pending.Count > 0)
            {
                var stored = await StoredAsync(pending);
                pending.RemoveAll(reading => stored.Contains(reading.Id));
            }
            if (pending.Count == 0)
            {
                var count = await CountAsync(set);
                if (count >= set.Readings.Count)
                {
                    return;
                }
                if (deadline.Elapsed > StoreTimeout)
                {
                    throw new TimeoutException($"Metering stored {count} of {set.Readings.Count} readings in {StoreTimeout}.");
                }
            }
            else if (deadline.Elapsed > StoreTimeout)
            {
                throw new TimeoutException(
                    $"Metering had not stored {pending.Count} of the scenario's calls after {StoreTimeout}.");
            }
            await Task.Delay(100);
        }
    }

    private Task<HashSet<string>> StoredAsync(IReadOnlyList<ReadingToSend> readings) =>
        StoredProbes.FindStoredAsync(metering, orgId, readings);

    private async Task<long> CountAsync(ReadingSet set)
    {
        await using var command = metering.CreateCommand(
            "SELECT count(*) FROM raw_readings WHERE org_id = $1 AND observed_at >= $2 AND observed_at < $3");
        command.Parameters.AddWithValue(orgId);
        command.Parameters.AddWithValue(set.From);
        command.Parameters.AddWithValue(set.To);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}

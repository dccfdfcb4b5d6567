using System.Diagnostics;
using BillingOne.SystemDriver;
using Npgsql;

namespace BillingOne.Bench;

/// <summary>
/// How many acknowledged readings metering has stored, without counting its table: metering stores each call's
/// readings in one transaction, so each acknowledged call leaves one probe (its last reading) and a call counts as
/// stored once its probe is found by primary key. Counting millions of rows every 10 s would load the database the
/// soak measures.
/// </summary>
public sealed class StoredProbes(NpgsqlDataSource metering, Guid orgId)
{
    private readonly Lock pendingLock = new();
    private readonly List<(ReadingToSend Probe, int Readings)> pending = [];
    private readonly SemaphoreSlim refreshing = new(1, 1);
    private long stored;

    public long Stored => Interlocked.Read(ref stored);

    public void Add(ReadingToSend probe, int readings)
    {
        lock (pendingLock)
        {
            pending.Add((probe, readings));
        }
    }

    /// <summary>Looks up the calls not yet seen stored and answers how many readings are stored now.</summary>
    public async Task<long> RefreshAsync()
    {
        await refreshing.WaitAsync();
        try
        {
            List<(ReadingToSend Probe, int Readings)> waiting;
            lock (pendingLock)
            {
                waiting = [.. pending];
            }
            if (waiting.Count == 0)
            {
                return Stored;
            }
            var found = await FindStoredAsync(metering, orgId, [.. waiting.Select(call => call.Probe)]);
            lock (pendingLock)
            {
                pending.RemoveAll(call => found.Contains(call.Probe.Id));
            }
            Interlocked.Add(ref stored, waiting.Where(call => found.Contains(call.Probe.Id)).Sum(call => (long)call.Readings));
            return Stored;
        }
        finally
        {
            refreshing.Release();
        }
    }

    /// <summary>
    /// Waits until every acknowledged call is stored, looking every 100 ms; answers how long that took, or null when
    /// some were still missing after <paramref name="timeout"/>.
    /// </summary>
    public async Task<TimeSpan?> WaitUntilAllStoredAsync(long acknowledged, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (await RefreshAsync() < acknowledged)
        {
            if (clock.Elapsed > timeout)
            {
                return null;
            }
            await Task.Delay(100);
        }
        return clock.Elapsed;
    }

    /// <summary>
    /// The ids of <paramref name="probes"/> stored in metering's <c>raw_readings</c>, each looked up by its whole primary
    /// key (the asset's id from its source and external id): one index lookup a probe, however many rows are stored.
    /// </summary>
    public static async Task<HashSet<string>> FindStoredAsync(NpgsqlDataSource metering, Guid orgId,
        IReadOnlyList<ReadingToSend> probes)
    {
        await using var command = metering.CreateCommand("""
            SELECT r.reading_id
            FROM unnest($2::text[], $3::text[], $4::timestamptz[], $5::text[])
                AS probe(source, external_id, observed_at, reading_id)
            JOIN assets a ON a.org_id = $1 AND a.source = probe.source AND a.external_id = probe.external_id
            JOIN raw_readings r ON r.org_id = $1 AND r.asset_id = a.id AND r.observed_at = probe.observed_at
                               AND r.reading_id = probe.reading_id
            """);
        command.Parameters.AddWithValue(orgId);
        command.Parameters.AddWithValue(probes.Select(probe => probe.AssetSource).ToArray());
        command.Parameters.AddWithValue(probes.Select(probe => probe.AssetExternalId).ToArray());
        command.Parameters.AddWithValue(probes.Select(probe => probe.ObservedAt).ToArray());
        command.Parameters.AddWithValue(probes.Select(probe => probe.Id).ToArray());
        var found = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            found.Add(reader.GetString(0));
        }
        return found;
    }
}

using System.Collections.Concurrent;
using Dapper;
using Npgsql;

namespace BillingOne.Identity.Data;

/// <summary>
/// Keeps API keys' Last Used current without a database write per request: each verification notes the time
/// in memory, and <see cref="FlushAsync"/> (run by <see cref="ApiKeyUsageFlushService"/>) writes the
/// latest time of every key used since in one UPDATE. Several service instances each flush their own; the
/// UPDATE only ever moves a timestamp forward, so their order does not matter.
/// </summary>
public sealed partial class ApiKeyUsageRecorder(NpgsqlDataSource dataSource, ILogger<ApiKeyUsageRecorder> logger)
{
    private readonly ConcurrentDictionary<(Guid OrgId, Guid KeyId), DateTimeOffset> pending = new();

    public void Record(Guid orgId, Guid keyId, DateTimeOffset usedAt) =>
        pending.AddOrUpdate((orgId, keyId), usedAt, (_, noted) => noted >= usedAt ? noted : usedAt);

    /// <summary>Writes the uses noted since the last flush; returns how many keys it covered.</summary>
    public async Task<int> FlushAsync(CancellationToken cancellationToken)
    {
        var batch = new List<KeyValuePair<(Guid OrgId, Guid KeyId), DateTimeOffset>>();
        foreach (var use in pending)
        {
            // Removed only if unchanged since read: a newer use noted meanwhile stays for the next flush.
            if (pending.TryRemove(use))
            {
                batch.Add(use);
            }
        }
        if (batch.Count == 0)
        {
            return 0;
        }

        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE api_keys AS k SET last_used_at = u.used_at
                FROM unnest(@orgIds, @keyIds, @usedAt) AS u(org_id, id, used_at)
                WHERE k.org_id = u.org_id AND k.id = u.id
                  AND (k.last_used_at IS NULL OR k.last_used_at < u.used_at)
                """, new
            {
                orgIds = batch.Select(use => use.Key.OrgId).ToArray(),
                keyIds = batch.Select(use => use.Key.KeyId).ToArray(),
                usedAt = batch.Select(use => use.Value.UtcDateTime).ToArray(),
            }, cancellationToken: cancellationToken));
        }
        catch
        {
            // Put the uses back so the next flush writes them; nothing is lost to a brief database outage.
            foreach (var use in batch)
            {
                Record(use.Key.OrgId, use.Key.KeyId, use.Value);
            }
            throw;
        }
        LogFlushed(batch.Count);
        return batch.Count;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Last-used time written for {Count} API keys")]
    private partial void LogFlushed(int count);
}

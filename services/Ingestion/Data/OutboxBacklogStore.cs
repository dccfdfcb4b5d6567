using Dapper;
using Npgsql;

namespace BillingOne.Ingestion.Data;

/// <summary>The outbox rows ingestion has committed and the relay has not yet published.</summary>
public sealed class OutboxBacklogStore(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// How many rows are unsent (counted up to <paramref name="countCap"/>, so a huge backlog costs no more than a
    /// bounded index scan) and how old the oldest of them is, by the database's clock. Both read the partial index on
    /// unsent rows.
    /// </summary>
    public async Task<(long Unsent, TimeSpan OldestAge)> MeasureAsync(long countCap, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var (unsent, oldestAge) = await connection.QuerySingleAsync<(long, TimeSpan?)>(new CommandDefinition("""
            SELECT (SELECT count(*) FROM (SELECT 1 FROM outbox_messages WHERE sent_at IS NULL LIMIT @countCap) AS unsent),
                   (SELECT greatest(now() - created_at, interval '0')
                    FROM outbox_messages WHERE sent_at IS NULL ORDER BY sequence LIMIT 1)
            """, new { countCap }, cancellationToken: cancellationToken));
        return (unsent, oldestAge ?? TimeSpan.Zero);
    }
}

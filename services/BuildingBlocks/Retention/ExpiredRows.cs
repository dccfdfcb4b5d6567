using Dapper;
using Npgsql;

namespace BillingOne.BuildingBlocks.Retention;

/// <summary>The one way a purge deletes: a short batch of expired rows, skipping rows other transactions hold.</summary>
public static class ExpiredRows
{
    /// <summary>
    /// Deletes up to <paramref name="batchSize"/> rows of <paramref name="table"/> for which
    /// <paramref name="expiredWhen"/> holds (a SQL condition on the table's columns that reads <c>@cutoff</c>); a row
    /// being written right now is locked and skipped, and is not expired anyway. Returns how many it deleted.
    /// </summary>
    public static async Task<int> DeleteBatchAsync(NpgsqlDataSource dataSource, string table, string expiredWhen,
        DateTimeOffset cutoff, int batchSize, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition($"""
            DELETE FROM {table}
            WHERE ctid = ANY (ARRAY(
                SELECT ctid FROM {table} WHERE {expiredWhen}
                LIMIT @batchSize FOR UPDATE SKIP LOCKED))
            """, new { cutoff = cutoff.UtcDateTime, batchSize }, cancellationToken: cancellationToken));
    }
}

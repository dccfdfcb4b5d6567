using Npgsql;

namespace BillingOne.Bench;

/// <param name="Usage">Per enabled bucket of the organization, its usage over its client's month.</param>
/// <param name="Readings">How many readings went into the usage (bound, billable assets, inside the periods).</param>
public sealed record RawUsage(IReadOnlyDictionary<Guid, decimal> Usage, long Readings);

/// <summary>
/// The baseline of the billing scenario: every bucket's usage for a month computed straight in PostgreSQL by one
/// statement, with no service in between. Written apart from the service's statement (periods from PostgreSQL's own
/// time zone rules, 'last' as the greatest (time, quantity) pair), so that agreeing with it checks the run too.
/// Same rules (docs/domain.md): each bound, enabled, not disregarded asset's readings of the bucket's unit type in the
/// month of the client's time zone (UTC when metering has no client row) aggregated with the bucket's aggregation —
/// sum, max, avg to six decimals, the latest reading (the larger on a tie), or 1 for count — then added up per bucket.
/// </summary>
public sealed class RawUsageBaseline(NpgsqlDataSource metering)
{
    // Per asset a lateral aggregate over an index-only range scan of raw_readings' key: the fastest shape found for
    // a whole organization's month (a join of the readings with the buckets sorted all 10 million rows on disk).
    private const string UsageSql = """
        WITH bucket_periods AS (
            SELECT b.org_id, b.id AS bucket_id, b.aggregation, ut.key AS unit_type_key,
                   make_timestamp($2, $3, 1, 0, 0, 0) AT TIME ZONE coalesce(c.time_zone, 'UTC') AS period_start,
                   (make_timestamp($2, $3, 1, 0, 0, 0) + interval '1 month') AT TIME ZONE coalesce(c.time_zone, 'UTC')
                       AS period_end
            FROM buckets b
            JOIN unit_types ut ON ut.org_id = b.org_id AND ut.id = b.unit_type_id
            LEFT JOIN clients c ON c.org_id = b.org_id AND c.client_id = b.client_id
            WHERE b.org_id = $1 AND b.enabled
        )
        SELECT p.bucket_id, coalesce(round(sum(per_asset.usage), 6), 0), coalesce(sum(per_asset.readings), 0)
        FROM bucket_periods p
        LEFT JOIN (bucket_assets ba
                   JOIN assets a ON a.org_id = ba.org_id AND a.id = ba.asset_id
                                AND a.enabled AND a.disregarded_at IS NULL)
               ON ba.org_id = p.org_id AND ba.bucket_id = p.bucket_id
        LEFT JOIN LATERAL (
            SELECT count(*) AS readings,
                   CASE p.aggregation
                       WHEN 'sum' THEN sum(r.quantity) FILTER (WHERE p.aggregation = 'sum')
                       WHEN 'max' THEN max(r.quantity) FILTER (WHERE p.aggregation = 'max')
                       WHEN 'avg' THEN avg(r.quantity) FILTER (WHERE p.aggregation = 'avg')
                       WHEN 'last' THEN (max(ARRAY[extract(epoch FROM r.observed_at), r.quantity])
                                         FILTER (WHERE p.aggregation = 'last'))[2]
                       ELSE 1
                   END AS usage
            FROM raw_readings r
            WHERE r.org_id = ba.org_id AND r.asset_id = ba.asset_id AND r.unit_type_key = p.unit_type_key
              AND r.observed_at >= p.period_start AND r.observed_at < p.period_end
            HAVING count(*) > 0
        ) per_asset ON true
        GROUP BY p.bucket_id
        """;

    public async Task<RawUsage> ComputeAsync(Guid orgId, int year, int month)
    {
        await using var command = metering.CreateCommand(UsageSql);
        command.CommandTimeout = 0;
        command.Parameters.AddWithValue(orgId);
        command.Parameters.AddWithValue(year);
        command.Parameters.AddWithValue(month);
        var usage = new Dictionary<Guid, decimal>();
        var readings = 0L;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            usage[reader.GetGuid(0)] = reader.GetDecimal(1);
            readings += (long)reader.GetDecimal(2);
        }
        return new RawUsage(usage, readings);
    }
}

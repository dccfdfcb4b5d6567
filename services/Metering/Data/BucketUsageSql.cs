namespace BillingOne.Metering.Data;

/// <summary>
/// The exact usage of a bucket (design §6, <see cref="Domain.BucketUsage"/>), shared by the bucket list, billing runs
/// and usage observations, so all of them count the same readings the same way.
/// </summary>
internal static class BucketUsageSql
{
    // Per row l (org_id, id, aggregation, unit_type_key, period_start, period_end), u.usage is the sum over the
    // bucket's billable assets of each one's readings in [period_start, period_end) aggregated by the bucket's
    // aggregation — sum, max, avg (to the readings' six decimals), the latest reading (the larger one on a tie, like
    // BucketUsage), or 1 for count; an asset without readings in the window adds nothing (HAVING), and NULL means
    // none did. An observation "as of" an instant passes that instant as period_end.
    // Laterals per bucket and per asset keep the work in index-only range scans of raw_readings' key, which carries
    // the unit type and quantity (migration 0009): a join of the readings with the buckets had the planner sort every
    // reading of the period by bucket and asset, and look the asset up again for each reading. FILTER spares every
    // row the aggregates its bucket does not use; 'last' reads one index entry from the period's end.
    public const string UsageOfPeriod = """
        CROSS JOIN LATERAL (
            SELECT sum(per_asset.usage) AS usage
            FROM bucket_assets ba
            JOIN assets a ON a.org_id = ba.org_id AND a.id = ba.asset_id
            CROSS JOIN LATERAL (
                SELECT CASE l.aggregation
                           WHEN 'sum' THEN sum(r.quantity) FILTER (WHERE l.aggregation = 'sum')
                           WHEN 'max' THEN max(r.quantity) FILTER (WHERE l.aggregation = 'max')
                           WHEN 'avg' THEN round(avg(r.quantity) FILTER (WHERE l.aggregation = 'avg'), 6)
                           WHEN 'last' THEN (
                               SELECT latest.quantity FROM raw_readings latest
                               WHERE latest.org_id = ba.org_id AND latest.asset_id = ba.asset_id
                                 AND latest.unit_type_key = l.unit_type_key
                                 AND latest.observed_at >= l.period_start AND latest.observed_at < l.period_end
                               ORDER BY latest.observed_at DESC, latest.quantity DESC
                               LIMIT 1)
                           ELSE 1
                       END AS usage
                FROM raw_readings r
                WHERE r.org_id = ba.org_id AND r.asset_id = ba.asset_id AND r.unit_type_key = l.unit_type_key
                  AND r.observed_at >= l.period_start AND r.observed_at < l.period_end
                HAVING count(*) > 0
            ) per_asset
            WHERE ba.org_id = l.org_id AND ba.bucket_id = l.id AND a.enabled AND a.disregarded_at IS NULL
        ) u
        """;
}

namespace BillingOne.Metering.Data;

/// <summary>
/// A bucket's exact usage (docs/domain.md "Bucket usage"), the one implementation of the rule, shared by the bucket
/// list, billing runs, their corrections and usage observations, so all of them count the same readings the same way.
/// </summary>
internal static class BucketUsageSql
{
    // Per row l (org_id, aggregation, unit_type_key, period_start, period_end) and asset counted (org_id, asset_id),
    // per_asset.usage is the asset's readings in [period_start, period_end) aggregated by the bucket's aggregation —
    // sum, max, avg (unrounded: the bucket's total is rounded once, see UsageTotal), the latest reading (the larger one
    // on a tie, whatever order the rows come in), or 1 for count; an asset without readings in the window yields no
    // row (HAVING). An observation "as of" an instant passes that instant as period_end.
    // Laterals per asset keep the work in index-only range scans of raw_readings' key, which carries the unit type and
    // quantity (migration 0009): a join of the readings with the buckets had the planner sort every reading of the
    // period by bucket and asset, and look the asset up again for each reading. FILTER spares every row the
    // aggregates its bucket does not use; 'last' reads one index entry from the period's end.
    public const string UsageOfCountedAsset = """
        CROSS JOIN LATERAL (
            SELECT CASE l.aggregation
                       WHEN 'sum' THEN sum(r.quantity) FILTER (WHERE l.aggregation = 'sum')
                       WHEN 'max' THEN max(r.quantity) FILTER (WHERE l.aggregation = 'max')
                       WHEN 'avg' THEN avg(r.quantity) FILTER (WHERE l.aggregation = 'avg')
                       WHEN 'last' THEN (
                           SELECT latest.quantity FROM raw_readings latest
                           WHERE latest.org_id = counted.org_id AND latest.asset_id = counted.asset_id
                             AND latest.unit_type_key = l.unit_type_key
                             AND latest.observed_at >= l.period_start AND latest.observed_at < l.period_end
                           ORDER BY latest.observed_at DESC, latest.quantity DESC
                           LIMIT 1)
                       ELSE 1
                   END AS usage
            FROM raw_readings r
            WHERE r.org_id = counted.org_id AND r.asset_id = counted.asset_id AND r.unit_type_key = l.unit_type_key
              AND r.observed_at >= l.period_start AND r.observed_at < l.period_end
            HAVING count(*) > 0
        ) per_asset
        """;

    // The assets' usages added up and rounded once to the readings' six decimals: averages are exact until here, so
    // a bucket of many averaged assets is not off by half a millionth per asset.
    public const string UsageTotal = "round(sum(per_asset.usage), 6)";

    // Per row l that is also a bucket (id), u.usage is the UsageTotal of the bucket's billable assets — bound, enabled,
    // not disregarded — of UsageOfCountedAsset; NULL means none had readings in the window.
    public const string UsageOfPeriod = $"""
        CROSS JOIN LATERAL (
            SELECT {UsageTotal} AS usage
            FROM bucket_assets counted
            JOIN assets a ON a.org_id = counted.org_id AND a.id = counted.asset_id
            {UsageOfCountedAsset}
            WHERE counted.org_id = l.org_id AND counted.bucket_id = l.id AND a.enabled AND a.disregarded_at IS NULL
        ) u
        """;
}

using BillingOne.Contracts.Money;
using BillingOne.Metering.Domain;
using Dapper;
using Microsoft.Extensions.Caching.Memory;
using Npgsql;

namespace BillingOne.Metering.Data;

/// <summary>An asset on its bucket, with the anomaly the rules found in its readings.</summary>
public sealed record UsageAnomalyView(Guid AssetId, string Source, string ExternalId, string? AssetName,
    Guid ClientId, string? ClientName, Guid BucketId, string BucketName, string UnitTypeKey, int Precision,
    UsageAnomaly Anomaly);

/// <summary>
/// Finds usage anomalies (<see cref="UsageAnomalyRules"/>) on request: one statement reads every bound asset's daily
/// readings of the window, the rules run here. The statement's cost grows with the organization's readings of the
/// window (about 2 s for 20,000 bound assets reporting every 6 hours), so an organization's anomalies of one examined
/// day are kept for <see cref="Freshness"/>: the days they judge are complete, only late readings could change them.
/// </summary>
public sealed class UsageAnomalyStore(NpgsqlDataSource dataSource, IMemoryCache cache)
{
    public static readonly TimeSpan Freshness = TimeSpan.FromMinutes(5);

    // Per binding of an enabled bucket to an enabled, not disregarded asset, its days with readings of the bucket's
    // unit type in the window as parallel arrays (one row per binding instead of one per day). The lateral reads the
    // asset's readings the way bucket usage does (BucketUsageSql): an index-only range scan of raw_readings' key, which
    // carries the unit type and quantity, over the window's one or two month partitions. Bindings that cannot be
    // anomalies are dropped in the database: no readings in the window, or readings on the day before the examined one
    // but not on it (neither a spike nor silent).
    private const string DailyReadingsOfBindings = """
        SELECT a.id AS AssetId, a.source AS Source, a.external_id AS ExternalId, a.name AS AssetName,
               b.client_id AS ClientId, c.name AS ClientName, b.id AS BucketId, b.name AS BucketName,
               ut.key AS UnitTypeKey, ut.precision AS Precision, b.aggregation AS Aggregation,
               b.commit_units AS CommitUnits, b.base_price AS BasePrice, b.overage_price AS OveragePrice,
               trim(b.currency) AS Currency, d.days AS Days, d.sums AS Sums, d.maxes AS Maxes, d.counts AS Counts,
               d.lasts AS Lasts
        FROM buckets b
        JOIN unit_types ut ON ut.org_id = b.org_id AND ut.id = b.unit_type_id
        JOIN bucket_assets ba ON ba.org_id = b.org_id AND ba.bucket_id = b.id
        JOIN assets a ON a.org_id = ba.org_id AND a.id = ba.asset_id
        LEFT JOIN clients c ON c.org_id = b.org_id AND c.client_id = b.client_id
        CROSS JOIN LATERAL (
            SELECT array_agg(day.day ORDER BY day.day) AS days, array_agg(day.sum ORDER BY day.day) AS sums,
                   array_agg(day.max ORDER BY day.day) AS maxes, array_agg(day.count ORDER BY day.day) AS counts,
                   array_agg(day.last ORDER BY day.day) AS lasts
            FROM (
                SELECT (r.observed_at AT TIME ZONE 'UTC')::date - (@start AT TIME ZONE 'UTC')::date AS day,
                       sum(r.quantity) AS sum, max(r.quantity) AS max, count(*)::int AS count,
                       -- Only a 'last' bucket needs the day's latest reading: the others skip the sort.
                       coalesce((array_agg(r.quantity ORDER BY r.observed_at DESC, r.quantity DESC)
                                 FILTER (WHERE b.aggregation = 'last'))[1], 0) AS last
                FROM raw_readings r
                WHERE r.org_id = a.org_id AND r.asset_id = a.id AND r.unit_type_key = ut.key
                  AND r.observed_at >= @start AND r.observed_at < @end
                GROUP BY 1
            ) day
            HAVING count(*) > 0 AND (bool_or(day.day = @examined) OR NOT bool_or(day.day = @examined - 1))
        ) d
        WHERE b.org_id = @orgId AND b.enabled AND a.enabled AND a.disregarded_at IS NULL
        """;

    /// <summary>
    /// Every anomaly in <paramref name="window"/> of the buckets the caller sees (a client-scoped caller: its client's;
    /// <paramref name="clientId"/> narrows to one client), of <paramref name="kind"/> when given.
    /// </summary>
    public async Task<IReadOnlyList<UsageAnomalyView>> FindAsync(Guid orgId, Guid? clientScope, Guid? clientId,
        UsageAnomalyKind? kind, UsageAnomalyWindow window, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        // The whole organization's, so every caller's filters are served by one reading of the window.
        var all = await cache.GetOrCreateAsync((nameof(UsageAnomalyStore), orgId, window.Day), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Freshness;
            return DetectAsync(orgId, window, cancellationToken);
        });
        return all!
            .Where(view => (clientScope is null || view.ClientId == clientScope)
                && (clientId is null || view.ClientId == clientId)
                && (kind is null || view.Anomaly.Kind == kind))
            .ToList();
    }

    private async Task<IReadOnlyList<UsageAnomalyView>> DetectAsync(Guid orgId, UsageAnomalyWindow window,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<BindingRow>(new CommandDefinition(DailyReadingsOfBindings, new
        {
            orgId,
            examined = window.Day.DayNumber - window.From.DayNumber,
            start = window.Start.UtcDateTime,
            end = window.End.UtcDateTime,
        }, cancellationToken: cancellationToken));
        return rows.Select(row => row.ToView(window)).OfType<UsageAnomalyView>().ToList();
    }

    /// <summary>
    /// Settable members rather than a constructor: Npgsql reports array columns as <see cref="Array"/>, which Dapper's
    /// constructor matching does not take for typed arrays.
    /// </summary>
    private sealed class BindingRow
    {
        public Guid AssetId { get; init; }
        public string Source { get; init; } = "";
        public string ExternalId { get; init; } = "";
        public string? AssetName { get; init; }
        public Guid ClientId { get; init; }
        public string? ClientName { get; init; }
        public Guid BucketId { get; init; }
        public string BucketName { get; init; } = "";
        public string UnitTypeKey { get; init; } = "";
        public short Precision { get; init; }
        public string Aggregation { get; init; } = "";
        public decimal CommitUnits { get; init; }
        public decimal BasePrice { get; init; }
        public decimal OveragePrice { get; init; }
        public string Currency { get; init; } = "";
        public int[] Days { get; init; } = [];
        public decimal[] Sums { get; init; } = [];
        public decimal[] Maxes { get; init; } = [];
        public int[] Counts { get; init; } = [];
        public decimal[] Lasts { get; init; } = [];

        public UsageAnomalyView? ToView(UsageAnomalyWindow window)
        {
            var days = Days.Select((offset, index) =>
                new DailyReadings(window.From.AddDays(offset), Sums[index], Maxes[index], Counts[index], Lasts[index]));
            var pricing = new BucketPricing(new Money(BasePrice, Currency), CommitUnits,
                new Money(OveragePrice, Currency));
            var anomaly = UsageAnomalyRules.Detect(window, AggregationNames.Parse(Aggregation), pricing, days);
            return anomaly is null
                ? null
                : new UsageAnomalyView(AssetId, Source, ExternalId, AssetName, ClientId, ClientName, BucketId,
                    BucketName, UnitTypeKey, Precision, anomaly);
        }
    }
}

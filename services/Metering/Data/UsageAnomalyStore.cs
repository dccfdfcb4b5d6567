using BillingOne.BuildingBlocks.Paging;
using BillingOne.Contracts.Money;
using BillingOne.Metering.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Metering.Data;

/// <summary>A stored anomaly with what the lists show of its asset, bucket and client.</summary>
public sealed record UsageAnomalyView(Guid AssetId, string Source, string ExternalId, string? AssetName,
    Guid ClientId, string? ClientName, Guid BucketId, string BucketName, string UnitTypeKey, string Kind,
    DateOnly Day, decimal Expected, decimal Observed, decimal EstimatedImpact, string Currency, string Explanation);

/// <summary>
/// Usage anomalies (<see cref="UsageAnomalyRules"/>) as stored by an organization's latest scan. A scan reads every
/// bound asset's daily readings of the window in one statement (its cost grows with the organization's readings:
/// about 2 s for 20,000 bound assets reporting every 6 hours), runs the rules here and replaces the organization's
/// rows in one transaction; lists read the stored rows.
/// </summary>
public sealed class UsageAnomalyStore(NpgsqlDataSource dataSource)
{
    // Per binding of an enabled bucket to an enabled, not disregarded asset, its days with readings of the bucket's
    // unit type in the window as parallel arrays (one row per binding instead of one per day). The lateral reads the
    // asset's readings the way bucket usage does (BucketUsageSql): an index-only range scan of raw_readings' key, which
    // carries the unit type and quantity, over the window's one or two month partitions. Bindings that cannot be
    // anomalies are dropped in the database: no readings in the window, or readings on the day before the examined one
    // but not on it (neither a spike nor silent).
    private const string DailyReadingsOfBindings = """
        SELECT a.id AS AssetId, b.id AS BucketId, ut.precision AS Precision, b.aggregation AS Aggregation,
               b.commit_units AS CommitUnits, b.base_price AS BasePrice, b.overage_price AS OveragePrice,
               trim(b.currency) AS Currency, d.days AS Days, d.sums AS Sums, d.maxes AS Maxes, d.counts AS Counts,
               d.lasts AS Lasts
        FROM buckets b
        JOIN unit_types ut ON ut.org_id = b.org_id AND ut.id = b.unit_type_id
        JOIN bucket_assets ba ON ba.org_id = b.org_id AND ba.bucket_id = b.id
        JOIN assets a ON a.org_id = ba.org_id AND a.id = ba.asset_id
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

    // The stored anomalies of bindings that still count (enabled bucket, enabled and not disregarded asset, still
    // bound), so disregarding an asset or switching a bucket off hides its anomaly before the next scan.
    private const string StoredAnomalies = """
        FROM usage_anomalies ua
        JOIN buckets b ON b.org_id = ua.org_id AND b.id = ua.bucket_id
        JOIN unit_types ut ON ut.org_id = b.org_id AND ut.id = b.unit_type_id
        JOIN assets a ON a.org_id = ua.org_id AND a.id = ua.asset_id
        LEFT JOIN clients c ON c.org_id = b.org_id AND c.client_id = b.client_id
        WHERE ua.org_id = @orgId AND b.enabled AND a.enabled AND a.disregarded_at IS NULL
          AND EXISTS (SELECT 1 FROM bucket_assets ba
                      WHERE ba.org_id = ua.org_id AND ba.bucket_id = ua.bucket_id AND ba.asset_id = ua.asset_id)
          AND (@clientScope::uuid IS NULL OR b.client_id = @clientScope)
          AND (@clientId::uuid IS NULL OR b.client_id = @clientId)
          AND (@kind::text IS NULL OR ua.kind = @kind)
        """;

    // Largest impact first, then spikes before silent assets, then asset and bucket: stable pages.
    private const string SelectStoredAnomalies = $"""
        SELECT a.id AS AssetId, a.source AS Source, a.external_id AS ExternalId, a.name AS AssetName,
               b.client_id AS ClientId, c.name AS ClientName, b.id AS BucketId, b.name AS BucketName,
               ut.key AS UnitTypeKey, ua.kind AS Kind, ua.day AS Day, ua.expected AS Expected,
               ua.observed AS Observed, ua.estimated_impact AS EstimatedImpact, trim(ua.currency) AS Currency,
               ua.explanation AS Explanation
        {StoredAnomalies}
        ORDER BY ua.estimated_impact DESC, ua.kind = 'silent', a.source COLLATE "C", a.external_id COLLATE "C",
                 b.id
        """;

    private const string SelectScan =
        "SELECT examined_day AS ExaminedDay, scanned_at AS ScannedAt FROM usage_anomaly_scans WHERE org_id = @orgId";

    /// <summary>The organization's latest scan; null before its first.</summary>
    public async Task<UsageAnomalyScan?> LastScanAsync(Guid orgId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ScanRow>(new CommandDefinition(SelectScan, new { orgId },
            cancellationToken: cancellationToken));
        return row?.ToScan();
    }

    /// <summary>
    /// A page of the stored anomalies the caller sees (a client-scoped caller: its client's buckets), narrowed by the
    /// query's filters.
    /// </summary>
    public async Task<PagedResult<UsageAnomalyView>> ListAsync(Guid orgId, Guid? clientScope, UsageAnomalyQuery query,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition($"""
            SELECT count(*) {StoredAnomalies};
            {SelectStoredAnomalies} LIMIT @limit OFFSET @offset;
            """, Filter(orgId, clientScope, query),
            cancellationToken: cancellationToken));
        var totalCount = await results.ReadSingleAsync<long>();
        var rows = await results.ReadAsync<StoredRow>();
        return new PagedResult<UsageAnomalyView>(rows.Select(row => row.ToView()).ToList(), query.Page.Page,
            query.Page.PageSize, totalCount);
    }

    /// <summary>Every stored anomaly the caller sees that the query's filters select, in the list's order.</summary>
    public async Task<IReadOnlyList<UsageAnomalyView>> AllAsync(Guid orgId, Guid? clientScope,
        UsageAnomalyQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<StoredRow>(new CommandDefinition(SelectStoredAnomalies,
            Filter(orgId, clientScope, query), cancellationToken: cancellationToken));
        return rows.Select(row => row.ToView()).ToList();
    }

    /// <summary>
    /// The organizations a scan pass looks at, with their latest scan: those with bound assets, and those scanned
    /// before (whose last binding may be gone: their rows are cleared by the next scan).
    /// </summary>
    public async Task<IReadOnlyList<(Guid OrgId, UsageAnomalyScan? LastScan)>> OrganizationsAsync(
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<OrganizationRow>(new CommandDefinition("""
            SELECT o.org_id AS OrgId, s.examined_day AS ExaminedDay, s.scanned_at AS ScannedAt
            FROM (SELECT DISTINCT org_id FROM bucket_assets UNION SELECT org_id FROM usage_anomaly_scans) o
            LEFT JOIN usage_anomaly_scans s ON s.org_id = o.org_id
            ORDER BY o.org_id
            """, cancellationToken: cancellationToken));
        return rows.Select(row => (row.OrgId, row.LastScan)).ToList();
    }

    /// <summary>
    /// Scans the organization when it is due (<see cref="UsageAnomalyScan.IsDue"/>, judged again under the
    /// organization's lock, so replicas scanning together compute it once): detects the anomalies of
    /// <paramref name="window"/> and replaces its stored ones, all in one transaction. Answers how many anomalies it
    /// stored, or null when the scan was not due.
    /// </summary>
    public async Task<int?> ScanIfDueAsync(Guid orgId, UsageAnomalyWindow window, DateTimeOffset now,
        TimeSpan rescanInterval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(hashtextextended('metering:usage-anomalies:' || @orgId::text, 0))",
            new { orgId }, transaction, cancellationToken: cancellationToken));
        var last = await connection.QuerySingleOrDefaultAsync<ScanRow>(new CommandDefinition(SelectScan, new { orgId },
            transaction, cancellationToken: cancellationToken));
        if (!UsageAnomalyScan.IsDue(last?.ToScan(), window, now, rescanInterval))
        {
            return null;
        }
        var anomalies = await DetectAsync(connection, transaction, orgId, window, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO usage_anomaly_scans (org_id, examined_day, scanned_at)
            VALUES (@orgId, @examinedDay::date, @scannedAt)
            ON CONFLICT (org_id) DO UPDATE SET examined_day = excluded.examined_day, scanned_at = excluded.scanned_at;
            DELETE FROM usage_anomalies WHERE org_id = @orgId;
            INSERT INTO usage_anomalies (org_id, asset_id, bucket_id, kind, day, expected, observed, estimated_impact,
                                         currency, explanation)
            SELECT @orgId, anomaly.*
            FROM unnest(@assetIds, @bucketIds, @kinds, @days::date[], @expected, @observed, @impacts, @currencies,
                        @explanations) AS anomaly;
            """, new
        {
            orgId,
            examinedDay = window.Day.ToDateTime(TimeOnly.MinValue),
            scannedAt = now.UtcDateTime,
            assetIds = anomalies.Select(found => found.AssetId).ToArray(),
            bucketIds = anomalies.Select(found => found.BucketId).ToArray(),
            kinds = anomalies.Select(found => found.Anomaly.Kind.Name()).ToArray(),
            days = anomalies.Select(found => found.Anomaly.Day.ToDateTime(TimeOnly.MinValue)).ToArray(),
            expected = anomalies.Select(found => Decimals.Fixed(found.Anomaly.Expected, found.Precision)).ToArray(),
            observed = anomalies.Select(found => Decimals.Fixed(found.Anomaly.Observed, found.Precision)).ToArray(),
            impacts = anomalies.Select(found => found.Anomaly.EstimatedImpact.Amount).ToArray(),
            currencies = anomalies.Select(found => found.Anomaly.EstimatedImpact.Currency).ToArray(),
            explanations = anomalies.Select(found => found.Anomaly.Explanation(found.Precision)).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return anomalies.Count;
    }

    private static object Filter(Guid orgId, Guid? clientScope, UsageAnomalyQuery query) => new
    {
        orgId,
        clientScope,
        clientId = query.ClientId,
        kind = query.Kind?.Name(),
        limit = query.Page.PageSize,
        offset = query.Page.Offset,
    };

    private static async Task<IReadOnlyList<DetectedAnomaly>> DetectAsync(NpgsqlConnection connection,
        NpgsqlTransaction transaction, Guid orgId, UsageAnomalyWindow window, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<BindingRow>(new CommandDefinition(DailyReadingsOfBindings, new
        {
            orgId,
            examined = window.Day.DayNumber - window.From.DayNumber,
            start = window.Start.UtcDateTime,
            end = window.End.UtcDateTime,
        }, transaction, cancellationToken: cancellationToken));
        return rows.Select(row => row.Detect(window)).OfType<DetectedAnomaly>().ToList();
    }

    /// <summary>An anomaly the rules found for an asset on its bucket, with the unit type's precision.</summary>
    private sealed record DetectedAnomaly(Guid AssetId, Guid BucketId, int Precision, UsageAnomaly Anomaly);

    /// <summary>Npgsql reads date as a <see cref="DateTime"/> and timestamptz as a UTC one.</summary>
    private sealed class ScanRow
    {
        public DateTime ExaminedDay { get; init; }
        public DateTime ScannedAt { get; init; }

        public UsageAnomalyScan ToScan() =>
            new(DateOnly.FromDateTime(ExaminedDay), new DateTimeOffset(ScannedAt, TimeSpan.Zero));
    }

    private sealed class OrganizationRow
    {
        public Guid OrgId { get; init; }
        public DateTime? ExaminedDay { get; init; }
        public DateTime? ScannedAt { get; init; }

        public UsageAnomalyScan? LastScan => ExaminedDay is { } day && ScannedAt is { } at
            ? new(DateOnly.FromDateTime(day), new DateTimeOffset(at, TimeSpan.Zero))
            : null;
    }

    private sealed class StoredRow
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
        public string Kind { get; init; } = "";
        public DateTime Day { get; init; }
        public decimal Expected { get; init; }
        public decimal Observed { get; init; }
        public decimal EstimatedImpact { get; init; }
        public string Currency { get; init; } = "";
        public string Explanation { get; init; } = "";

        public UsageAnomalyView ToView() => new(AssetId, Source, ExternalId, AssetName, ClientId, ClientName, BucketId,
            BucketName, UnitTypeKey, Kind, DateOnly.FromDateTime(Day), Expected, Observed, EstimatedImpact, Currency,
            Explanation);
    }

    /// <summary>
    /// Settable members rather than a constructor: Npgsql reports array columns as <see cref="Array"/>, which Dapper's
    /// constructor matching does not take for typed arrays.
    /// </summary>
    private sealed class BindingRow
    {
        public Guid AssetId { get; init; }
        public Guid BucketId { get; init; }
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

        public DetectedAnomaly? Detect(UsageAnomalyWindow window)
        {
            var days = Days.Select((offset, index) =>
                new DailyReadings(window.From.AddDays(offset), Sums[index], Maxes[index], Counts[index], Lasts[index]));
            var pricing = new BucketPricing(new Money(BasePrice, Currency), CommitUnits,
                new Money(OveragePrice, Currency));
            var anomaly = UsageAnomalyRules.Detect(window, AggregationNames.Parse(Aggregation), pricing, days);
            return anomaly is null ? null : new DetectedAnomaly(AssetId, BucketId, Precision, anomaly);
        }
    }
}

using BillingOne.BuildingBlocks.Auditing;
using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using BillingOne.Metering.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Metering.Data;

/// <summary>
/// Publishes <see cref="BucketUsageObserved"/>: marks buckets whose usage moved, observes marked buckets in batches
/// for their client's open period, and observes finalized periods from their billed readings. Usage and the daily
/// series come from one statement per batch over the raw readings (<see cref="BucketUsageSql"/>), each bucket's
/// window cut at every day end that has passed and at the observation instant.
/// </summary>
public sealed class UsageObservationStore(NpgsqlDataSource dataSource, IOutbox outbox, TimeProvider timeProvider)
{
    public const string RepublishAuditTable = "bucket_observations";

    // A change arriving while the publisher holds the mark waits for it (DO UPDATE locks the row) and marks again
    // after the publisher has deleted it, so readings the publisher's snapshot missed are observed next time.
    private const string Mark = """
        INSERT INTO bucket_observation_marks (org_id, bucket_id, marked_at)
        SELECT org_id, bucket_id, @now FROM marked ORDER BY org_id, bucket_id
        ON CONFLICT (org_id, bucket_id) DO UPDATE SET marked_at = bucket_observation_marks.marked_at
        """;

    /// <summary>Marks the buckets for observation in <paramref name="transaction"/>.</summary>
    public static Task MarkAsync(NpgsqlTransaction transaction, Guid orgId, IReadOnlyCollection<Guid> bucketIds,
        DateTimeOffset now, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition($"""
            WITH marked AS (SELECT DISTINCT @orgId AS org_id, bucket_id FROM unnest(@bucketIds) AS bucket_id)
            {Mark}
            """, new { orgId, bucketIds = bucketIds.ToArray(), now = now.UtcDateTime }, transaction,
            cancellationToken: cancellationToken));

    /// <summary>
    /// Marks the buckets <paramref name="marked"/> selects (a query of <c>org_id, bucket_id</c> over
    /// <paramref name="parameters"/>), e.g. those fed by a batch's readings.
    /// </summary>
    public static Task MarkAsync(NpgsqlTransaction transaction, string marked, object parameters, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var dynamicParameters = new DynamicParameters(parameters);
        dynamicParameters.Add("now", now.UtcDateTime);
        return transaction.Connection!.ExecuteAsync(new CommandDefinition($"""
            WITH marked AS ({marked})
            {Mark}
            """, dynamicParameters, transaction, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Observes up to <paramref name="batchSize"/> buckets marked at or before <paramref name="markedBy"/> and removes
    /// their marks, in one transaction with the events; returns how many were observed (0: none due).
    /// </summary>
    public async Task<int> PublishMarkedAsync(DateTimeOffset markedBy, int batchSize, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<ObservedBucketRow>(new CommandDefinition($"""
            WITH taken AS (
                SELECT org_id, bucket_id FROM bucket_observation_marks
                WHERE marked_at <= @markedBy
                ORDER BY marked_at, org_id, bucket_id
                LIMIT @batchSize
                FOR UPDATE SKIP LOCKED
            ),
            removed AS (
                DELETE FROM bucket_observation_marks m USING taken t
                WHERE m.org_id = t.org_id AND m.bucket_id = t.bucket_id
                RETURNING m.org_id, m.bucket_id
            )
            SELECT b.org_id AS OrgId, b.id AS BucketId, nextval('bucket_observation_version') AS Version,
                   b.client_id AS ClientId, c.name AS ClientName, c.time_zone AS TimeZone, b.name AS BucketName,
                   ut.key AS UnitTypeKey, b.aggregation AS Aggregation, b.enabled AS Enabled,
                   b.commit_units AS CommitUnits, b.base_price AS BasePrice, b.overage_price AS OveragePrice,
                   trim(b.currency) AS Currency, b.source_type AS SourceType
            FROM removed r
            JOIN buckets b ON b.org_id = r.org_id AND b.id = r.bucket_id
            JOIN unit_types ut ON ut.org_id = b.org_id AND ut.id = b.unit_type_id
            LEFT JOIN clients c ON c.org_id = b.org_id AND c.client_id = b.client_id
            ORDER BY b.org_id, b.id
            """, new { markedBy = markedBy.UtcDateTime, batchSize }, transaction,
            cancellationToken: cancellationToken))).ToList();
        if (rows.Count == 0)
        {
            return 0;
        }
        var now = timeProvider.GetUtcNow();
        var windows = rows.Select(row => UsageObservationWindow.At(ClientPeriods.OpenAt(now, row.TimeZone), now))
            .ToList();
        var usages = await UsageAsync(transaction, rows, windows, cancellationToken);
        var events = rows.Select((row, index) => row.ToEvent(windows[index], usages[index], null)).ToList();
        await outbox.EnqueueAllAsync(transaction, events, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return events.Count;
    }

    /// <summary>
    /// Publishes, in <paramref name="transaction"/>, the final observation of the billed readings of the month
    /// (<paramref name="year"/>, <paramref name="month"/>) that are final; only <paramref name="bucketIds"/>' when set.
    /// Returns how many were published.
    /// </summary>
    public async Task<int> PublishFinalAsync(NpgsqlTransaction transaction, Guid orgId, int year, int month,
        IReadOnlyCollection<Guid>? bucketIds, CancellationToken cancellationToken)
    {
        var rows = (await transaction.Connection!.QueryAsync<FinalReadingRow>(new CommandDefinition("""
            SELECT r.org_id AS OrgId, r.bucket_id AS BucketId, nextval('bucket_observation_version') AS Version,
                   r.client_id AS ClientId, c.name AS ClientName, c.time_zone AS TimeZone, r.bucket_name AS BucketName,
                   r.unit_type_key AS UnitTypeKey, r.aggregation AS Aggregation,
                   coalesce(b.enabled, false) AS Enabled, r.commit_units AS CommitUnits, r.base_price AS BasePrice,
                   r.overage_price AS OveragePrice, trim(r.currency) AS Currency, r.period_start AS PeriodStart,
                   r.period_end AS PeriodEnd, r.usage AS Usage, r.source_type AS SourceType
            FROM billing_readings r
            LEFT JOIN buckets b ON b.org_id = r.org_id AND b.id = r.bucket_id
            LEFT JOIN clients c ON c.org_id = r.org_id AND c.client_id = r.client_id
            WHERE r.org_id = @orgId AND r.period_year = @year AND r.period_month = @month AND r.kind = 'reading'
              AND r.status = 'final' AND (@bucketIds::uuid[] IS NULL OR r.bucket_id = ANY(@bucketIds))
            ORDER BY r.bucket_id
            """, new { orgId, year, month, bucketIds = bucketIds?.ToArray() }, transaction,
            cancellationToken: cancellationToken))).ToList();
        if (rows.Count == 0)
        {
            return 0;
        }
        // The days are cut in the client's zone; the window is the period the reading billed.
        var windows = rows.Select(row => UsageObservationWindow.Final(
            ClientPeriods.ForMonth(year, month, row.TimeZone))).ToList();
        var buckets = rows.Select(row => row.Bucket).ToList();
        var usages = await UsageAsync(transaction, buckets, windows, cancellationToken);
        var events = rows.Select((row, index) => row.Bucket.ToEvent(windows[index], usages[index], row)).ToList();
        await outbox.EnqueueAllAsync(transaction, events, cancellationToken);
        return events.Count;
    }

    /// <summary>
    /// Marks every bucket of the organization for observation and publishes once more the final observations of every
    /// finalized month (one transaction per month), for read models being rebuilt; audited as the caller.
    /// Returns (buckets marked, final observations published).
    /// </summary>
    public async Task<(int Marked, int Final)> RepublishAsync(Guid orgId, IAuditTrail audit,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var months = (await connection.QueryAsync<(int Year, int Month)>(new CommandDefinition("""
            SELECT DISTINCT period_year, period_month FROM billing_readings
            WHERE org_id = @orgId AND kind = 'reading' AND status = 'final'
            ORDER BY period_year, period_month
            """, new { orgId }, cancellationToken: cancellationToken))).ToList();
        var final = 0;
        foreach (var (year, month) in months)
        {
            await using var monthTransaction = await connection.BeginTransactionAsync(cancellationToken);
            final += await PublishFinalAsync(monthTransaction, orgId, year, month, null, cancellationToken);
            await monthTransaction.CommitAsync(cancellationToken);
        }

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var marked = await connection.QuerySingleAsync<int>(new CommandDefinition($"""
            WITH marked AS (SELECT org_id, id AS bucket_id FROM buckets WHERE org_id = @orgId),
            upserted AS ({Mark} RETURNING 1)
            SELECT count(*)::int FROM upserted
            """, new { orgId, now = timeProvider.GetUtcNow().UtcDateTime }, transaction,
            cancellationToken: cancellationToken));
        await audit.RecordAsync(transaction, AuditActions.Republish, RepublishAuditTable, orgId.ToString(), null,
            new { buckets = marked, finalObservations = final }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (marked, final);
    }

    /// <summary>Marks every enabled bucket of every organization: observations move on with elapsed time.</summary>
    public async Task<int> MarkEnabledAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var marked = await connection.ExecuteAsync(new CommandDefinition($"""
            WITH marked AS (SELECT org_id, id AS bucket_id FROM buckets WHERE enabled)
            {Mark}
            """, new { now = timeProvider.GetUtcNow().UtcDateTime }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return marked;
    }

    /// <summary>
    /// Each bucket's usage as of every cut-off of its window, one statement for the batch: per bucket, the daily series
    /// followed by the usage at the observation instant.
    /// </summary>
    private static async Task<IReadOnlyList<decimal[]>> UsageAsync(NpgsqlTransaction transaction,
        IReadOnlyList<ObservedBucketRow> buckets, IReadOnlyList<UsageObservationWindow> windows,
        CancellationToken cancellationToken)
    {
        var cuts = buckets.SelectMany((bucket, index) => windows[index].Cutoffs().Select((cutoff, ordinal) =>
            (Target: index, Ordinal: ordinal, bucket.OrgId, bucket.BucketId, bucket.Aggregation, bucket.UnitTypeKey,
                Start: windows[index].Period.Start.UtcDateTime, End: cutoff.UtcDateTime))).ToList();
        var rows = await transaction.Connection!.QueryAsync<(int Target, int Ordinal, decimal Usage)>(
            new CommandDefinition($"""
                SELECT l.target, l.ordinal, coalesce(u.usage, 0)
                FROM unnest(@targets, @ordinals, @orgIds, @bucketIds, @aggregations, @unitTypeKeys, @starts, @ends)
                    AS l(target, ordinal, org_id, id, aggregation, unit_type_key, period_start, period_end)
                {BucketUsageSql.UsageOfPeriod}
                """, new
            {
                targets = cuts.Select(cut => cut.Target).ToArray(),
                ordinals = cuts.Select(cut => cut.Ordinal).ToArray(),
                orgIds = cuts.Select(cut => cut.OrgId).ToArray(),
                bucketIds = cuts.Select(cut => cut.BucketId).ToArray(),
                aggregations = cuts.Select(cut => cut.Aggregation).ToArray(),
                unitTypeKeys = cuts.Select(cut => cut.UnitTypeKey).ToArray(),
                starts = cuts.Select(cut => cut.Start).ToArray(),
                ends = cuts.Select(cut => cut.End).ToArray(),
            }, transaction, cancellationToken: cancellationToken));
        var usages = windows.Select(window => new decimal[window.DayEnds.Count + 1]).ToList();
        foreach (var (target, ordinal, usage) in rows)
        {
            usages[target][ordinal] = usage;
        }
        return usages;
    }

    /// <summary>
    /// A bucket as an observation describes it. Its usage goes out at full precision, never rounded to the unit type's:
    /// the projection bills final lines and projects from it exactly as metering does (docs/domain.md, "Money and
    /// rounding"), and only the UI rounds it for display.
    /// </summary>
    private sealed record ObservedBucketRow(Guid OrgId, Guid BucketId, long Version, Guid ClientId, string? ClientName,
        string? TimeZone, string BucketName, string UnitTypeKey, string Aggregation, bool Enabled,
        decimal CommitUnits, decimal BasePrice, decimal OveragePrice, string Currency, string? SourceType)
    {
        /// <param name="usages">The usage at each of the window's day ends, then at its observation instant.</param>
        /// <param name="final">The billed reading of a finalized period: its usage is the observation's.</param>
        public BucketUsageObserved ToEvent(UsageObservationWindow window, decimal[] usages, FinalReadingRow? final)
        {
            var periodStart = final is null ? window.Period.Start : Utc(final.PeriodStart);
            var periodEnd = final is null ? window.Period.End : Utc(final.PeriodEnd);
            return new BucketUsageObserved(OrgId, BucketId, Version, ClientId, ClientName, BucketName, UnitTypeKey,
                Aggregation, Enabled, CommitUnits, BasePrice, OveragePrice, Currency, window.Period.Year,
                window.Period.Month, periodStart, periodEnd, final is null ? window.ObservedAt : periodEnd,
                final?.Usage ?? usages[^1], usages[..^1], final is not null, SourceType);
        }
    }

    private sealed record FinalReadingRow(Guid OrgId, Guid BucketId, long Version, Guid ClientId, string? ClientName,
        string? TimeZone, string BucketName, string UnitTypeKey, string Aggregation, bool Enabled,
        decimal CommitUnits, decimal BasePrice, decimal OveragePrice, string Currency, DateTime PeriodStart,
        DateTime PeriodEnd, decimal Usage, string? SourceType)
    {
        public ObservedBucketRow Bucket => new(OrgId, BucketId, Version, ClientId, ClientName, TimeZone, BucketName,
            UnitTypeKey, Aggregation, Enabled, CommitUnits, BasePrice, OveragePrice, Currency, SourceType);
    }

    private static DateTimeOffset Utc(DateTime value) => new(value, TimeSpan.Zero);
}

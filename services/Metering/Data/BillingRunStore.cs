using BillingOne.BuildingBlocks.Auditing;
using BillingOne.BuildingBlocks.Data;
using BillingOne.BuildingBlocks.Messaging;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.Contracts.Events;
using BillingOne.Contracts.Money;
using BillingOne.Metering.Domain;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace BillingOne.Metering.Data;

/// <summary>
/// The outcome of asking for a run: the queued run; or (when null) the run already queued or running, or the period
/// is finalized.
/// </summary>
public sealed record BillingRunRequest(BillingRun? Queued, BillingRun? Active, bool Finalized);

/// <summary>
/// Billing runs and the lines they write. A run is queued by the API or the schedule and executed by
/// <see cref="BillingRuns.BillingRunExecutor"/>; its lines replace the period's drafts in one transaction with the
/// run's completion, so a failed run leaves the previous drafts as they were.
/// </summary>
public sealed class BillingRunStore(NpgsqlDataSource dataSource, IOutbox outbox, TimeProvider timeProvider)
{
    public const string AuditTable = "billing_runs";
    public const string LinesAuditTable = "billing_readings";

    private const string ActivePeriodIndex = "ux_billing_runs_active_period";

    private const string Columns = """
        org_id AS OrgId, id AS Id, period_year AS Year, period_month AS Month, status AS Status,
        clients_done AS ClientsDone, clients_total AS ClientsTotal, buckets_done AS BucketsDone,
        buckets_total AS BucketsTotal, requested_at AS RequestedAt, started_at AS StartedAt, finished_at AS FinishedAt,
        error AS Error, requested_by AS RequestedBy, trigger AS Trigger
        """;

    private static readonly RunTable Table = new("billing_runs", Columns, "requested_at");

    /// <summary>
    /// Queues a run of <paramref name="month"/>, audited as <paramref name="actor"/> (the request's caller when null),
    /// unless one of that period is queued or running, or the period is finalized.
    /// </summary>
    public async Task<BillingRunRequest> RequestAsync(Guid orgId, BillingMonth month, Guid? requestedBy,
        BillingRunTrigger trigger, IAuditTrail audit, AuditActor? actor, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (await BillingPeriodLock.IsFinalizedAsync(transaction, orgId, month, cancellationToken))
            {
                return new BillingRunRequest(null, null, Finalized: true);
            }
            var run = (await connection.QuerySingleAsync<BillingRunRow>(new CommandDefinition($"""
                INSERT INTO billing_runs (org_id, id, period_year, period_month, status, requested_at, requested_by,
                                          trigger)
                VALUES (@orgId, @id, @Year, @Month, 'queued', @now, @requestedBy, @trigger)
                RETURNING {Columns}
                """, new
            {
                orgId,
                id = Guid.CreateVersion7(now),
                month.Year,
                month.Month,
                now,
                requestedBy,
                trigger = trigger.ToApiName(),
            }, transaction, cancellationToken: cancellationToken))).ToRun();
            var values = new { period = month.ToString(), trigger = trigger.ToApiName() };
            await (actor is null
                ? audit.RecordAsync(transaction, AuditActions.Create, AuditTable, run.Id.ToString(), null, values,
                    cancellationToken)
                : audit.RecordAsync(transaction, actor, AuditActions.Create, AuditTable, run.Id.ToString(), null,
                    values, cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            return new BillingRunRequest(run, null, Finalized: false);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation
            && exception.ConstraintName == ActivePeriodIndex)
        {
            var active = await connection.QuerySingleOrDefaultAsync<BillingRunRow>(new CommandDefinition($"""
                SELECT {Columns} FROM billing_runs
                WHERE org_id = @orgId AND period_year = @Year AND period_month = @Month
                  AND status IN ('queued', 'running')
                """, new { orgId, month.Year, month.Month }, cancellationToken: cancellationToken));
            // Finished between the insert and this read: the caller may simply ask again.
            return new BillingRunRequest(null, active?.ToRun(), Finalized: false);
        }
    }

    public async Task<BillingRun?> FindAsync(Guid orgId, Guid id, CancellationToken cancellationToken) =>
        (await Table.FindAsync<BillingRunRow>(dataSource, orgId, id, cancellationToken))?.ToRun();

    /// <summary>A page of the organization's runs, newest first.</summary>
    public async Task<PagedResult<BillingRun>> ListAsync(Guid orgId, PageRequest page,
        CancellationToken cancellationToken) =>
        (await Table.ListAsync<BillingRunRow>(dataSource, orgId, page, cancellationToken)).Select(row => row.ToRun());

    /// <summary>
    /// Claims the oldest queued run of any organization (SKIP LOCKED lets several replicas claim different runs) and
    /// marks it running; null when none is queued. The lease holds the run's advisory lock in a transaction of its own
    /// for as long as the run works; a run marked running whose lock nobody holds was left by a process that died, and
    /// is marked failed here (its writes were one transaction, so nothing of it was kept).
    /// </summary>
    public async Task<BillingRunLease?> ClaimNextAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition($"""
            UPDATE billing_runs
            SET status = 'failed', finished_at = @now,
                error = 'The run was interrupted (its service stopped) before it finished; nothing was written.'
            WHERE status = 'running' AND pg_try_advisory_xact_lock({RunLockKey("id::text")})
            """, new { now }, transaction, cancellationToken: cancellationToken));
        var next = await connection.QuerySingleOrDefaultAsync<RunKey>(new CommandDefinition("""
            SELECT org_id AS OrgId, id AS Id FROM billing_runs WHERE status = 'queued'
            ORDER BY requested_at, id LIMIT 1 FOR UPDATE SKIP LOCKED
            """, transaction: transaction, cancellationToken: cancellationToken));
        if (next is not { } claimed)
        {
            await transaction.CommitAsync(cancellationToken);
            return null;
        }
        // Locked before the run shows as running, so no sweep ever sees it running without its lock.
        var runLock = await HeldRunLock.AcquireAsync(dataSource, RunLockKey("@id"), new { id = claimed.Id.ToString() },
            cancellationToken);
        try
        {
            var row = await connection.QuerySingleAsync<BillingRunRow>(new CommandDefinition($"""
                UPDATE billing_runs SET status = 'running', started_at = @now
                WHERE org_id = @OrgId AND id = @Id
                RETURNING {Columns}
                """, new { claimed.OrgId, claimed.Id, now }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            return new BillingRunLease(row.ToRun(), runLock);
        }
        catch
        {
            await runLock.DisposeAsync();
            throw;
        }
    }

    /// <summary>The advisory lock key of a run, from SQL text that yields the run id as text.</summary>
    internal static string RunLockKey(string idText) => $"hashtextextended('metering:billing-run:' || {idText}, 0)";

    /// <summary>
    /// Replaces the run's period's drafts with <paramref name="lines"/> and completes the run, in one transaction with
    /// an audit entry per adjustment and <see cref="BillingRunCompleted"/>. False (nothing written) when the period
    /// was finalized while the run worked.
    /// </summary>
    public async Task<bool> CompleteAsync(BillingRun run, IReadOnlyCollection<BillingLine> lines, IAuditTrail audit,
        CancellationToken cancellationToken)
    {
        var month = new BillingMonth(run.Year, run.Month);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await BillingPeriodLock.AcquireAsync(transaction, run.OrgId, month, cancellationToken);
        if (await BillingPeriodLock.IsFinalizedAsync(transaction, run.OrgId, month, cancellationToken))
        {
            return false;
        }
        await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM billing_readings
            WHERE org_id = @OrgId AND period_year = @Year AND period_month = @Month AND status = 'draft'
            """, new { run.OrgId, run.Year, run.Month }, transaction, cancellationToken: cancellationToken));
        var rows = lines.Select(line => new BillingLineRow(run, line, Guid.CreateVersion7(now), now)).ToList();
        await CopyLinesAsync(connection, rows, cancellationToken);
        // The assets each reading line counted: a correction of the month by late readings counts them again.
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO billing_reading_assets (org_id, line_id, asset_id)
            SELECT f.org_id, f.id, ba.asset_id
            FROM billing_readings f
            JOIN bucket_assets ba ON ba.org_id = f.org_id AND ba.bucket_id = f.bucket_id
            JOIN assets a ON a.org_id = ba.org_id AND a.id = ba.asset_id
            WHERE f.org_id = @OrgId AND f.run_id = @Id AND f.kind = 'reading' AND a.enabled AND a.disregarded_at IS NULL
            """, new { run.OrgId, run.Id }, transaction, cancellationToken: cancellationToken));
        foreach (var adjustment in rows.Where(row => row.Kind == BillingLineKinds.Adjustment))
        {
            await audit.RecordAsync(transaction, AuditActor.Service(run.OrgId), AuditActions.Create, LinesAuditTable,
                adjustment.Id.ToString(), null, new
                {
                    kind = adjustment.Kind,
                    runId = run.Id,
                    adjustment.BucketId,
                    period = month.ToString(),
                    originalPeriod = new BillingMonth(adjustment.OriginalYear!.Value, adjustment.OriginalMonth!.Value)
                        .ToString(),
                    usageDelta = adjustment.Usage,
                    costDelta = adjustment.Cost,
                    adjustment.Currency,
                }, cancellationToken);
        }
        // Stamped after the lines are written, so the run's duration includes writing them.
        var finishedAt = timeProvider.GetUtcNow();
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE billing_runs
            SET status = 'completed', finished_at = @finishedAt, clients_done = clients_total,
                buckets_done = buckets_total
            WHERE org_id = @OrgId AND id = @Id
            """, new { run.OrgId, run.Id, finishedAt = finishedAt.UtcDateTime }, transaction,
            cancellationToken: cancellationToken));
        var adjustments = lines.Count(line => line.IsAdjustment);
        await outbox.EnqueueAsync(transaction, new BillingRunCompleted(run.OrgId, run.Id, run.Year, run.Month,
            run.Trigger.ToApiName(), finishedAt, lines.Count - adjustments, adjustments,
            BillingTotals.PerClient(lines.Select(line => (line.ClientId,
                new Money(line.Figures.Cost, line.Pricing.Currency))))), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Writes the lines with one binary COPY: a run of 10,000 buckets would otherwise make 10,000 round trips. The
    /// month's drafts were just deleted and a finalized month is never written, so no line can conflict.
    /// </summary>
    private static async Task CopyLinesAsync(NpgsqlConnection connection, IReadOnlyList<BillingLineRow> rows,
        CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync("""
            COPY billing_readings (org_id, id, run_id, kind, client_id, bucket_id, bucket_name, source_type,
                                   unit_type_key, aggregation, period_year, period_month, period_start, period_end,
                                   original_year, original_month, usage, commit_units, base_price, overage_price, base,
                                   overage_units, overage, buffer_units, buffer, cost, currency, status, computed_at)
            FROM STDIN (FORMAT BINARY)
            """, cancellationToken);
        foreach (var row in rows)
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(row.OrgId, NpgsqlDbType.Uuid, cancellationToken);
            await importer.WriteAsync(row.Id, NpgsqlDbType.Uuid, cancellationToken);
            await importer.WriteAsync(row.RunId, NpgsqlDbType.Uuid, cancellationToken);
            await importer.WriteAsync(row.Kind, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(row.ClientId, NpgsqlDbType.Uuid, cancellationToken);
            await importer.WriteAsync(row.BucketId, NpgsqlDbType.Uuid, cancellationToken);
            await importer.WriteAsync(row.BucketName, NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(importer, row.SourceType, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(row.UnitTypeKey, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(row.Aggregation, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(row.Year, NpgsqlDbType.Integer, cancellationToken);
            await importer.WriteAsync(row.Month, NpgsqlDbType.Integer, cancellationToken);
            await importer.WriteAsync(row.PeriodStart, NpgsqlDbType.TimestampTz, cancellationToken);
            await importer.WriteAsync(row.PeriodEnd, NpgsqlDbType.TimestampTz, cancellationToken);
            await WriteNullableAsync(importer, row.OriginalYear, NpgsqlDbType.Integer, cancellationToken);
            await WriteNullableAsync(importer, row.OriginalMonth, NpgsqlDbType.Integer, cancellationToken);
            foreach (var number in new[] { row.Usage, row.CommitUnits, row.BasePrice, row.OveragePrice, row.Base,
                row.OverageUnits, row.Overage, row.BufferUnits, row.Buffer, row.Cost })
            {
                await importer.WriteAsync(number, NpgsqlDbType.Numeric, cancellationToken);
            }
            await importer.WriteAsync(row.Currency, NpgsqlDbType.Char, cancellationToken);
            await importer.WriteAsync("draft", NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(row.ComputedAt, NpgsqlDbType.TimestampTz, cancellationToken);
        }
        await importer.CompleteAsync(cancellationToken);
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter importer, object? value, NpgsqlDbType type,
        CancellationToken cancellationToken) =>
        value is null ? importer.WriteNullAsync(cancellationToken) : importer.WriteAsync(value, type, cancellationToken);

    /// <summary>
    /// The finalized months before <paramref name="month"/> that late readings reached after their bills were
    /// computed: the only months whose bills a run has to check for adjustments.
    /// </summary>
    public async Task<IReadOnlyList<BillingMonth>> MonthsWithLateReadingsAsync(Guid orgId, BillingMonth month,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var months = await connection.QueryAsync<(int Year, int Month)>(new CommandDefinition("""
            SELECT f.period_year, f.period_month
            FROM billing_readings f
            WHERE f.org_id = @orgId AND f.kind = 'reading' AND f.status = 'final'
              AND (f.period_year, f.period_month) < (@Year, @Month)
            GROUP BY f.period_year, f.period_month
            HAVING EXISTS (
                SELECT 1 FROM raw_readings r
                WHERE r.org_id = @orgId AND r.late
                  AND r.observed_at >= min(f.period_start) AND r.observed_at < max(f.period_end)
                  AND r.received_at > min(f.computed_at))
            ORDER BY f.period_year, f.period_month
            """, new { orgId, month.Year, month.Month }, cancellationToken: cancellationToken));
        return months.Select(row => new BillingMonth(row.Year, row.Month)).ToList();
    }

    /// <summary>
    /// What each bucket was billed for the finalized month <paramref name="corrected"/>: its final reading plus the
    /// adjustments made to it so far, except the drafts of <paramref name="running"/> (the run replaces them).
    /// </summary>
    public async Task<IReadOnlyList<FinalizedBucketPeriod>> FinalizedBillsAsync(Guid orgId, BillingMonth corrected,
        BillingMonth running, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<FinalizedBillRow>(new CommandDefinition("""
            SELECT f.client_id AS ClientId, f.bucket_id AS BucketId, f.base_price AS BasePrice,
                   f.commit_units AS CommitUnits, f.overage_price AS OveragePrice, f.currency AS Currency,
                   f.usage + coalesce(a.usage, 0) AS Usage, f.base + coalesce(a.base, 0) AS Base,
                   f.overage_units + coalesce(a.overage_units, 0) AS OverageUnits,
                   f.overage + coalesce(a.overage, 0) AS Overage,
                   f.buffer_units + coalesce(a.buffer_units, 0) AS BufferUnits,
                   f.buffer + coalesce(a.buffer, 0) AS Buffer, f.cost + coalesce(a.cost, 0) AS Cost
            FROM billing_readings f
            LEFT JOIN LATERAL (
                SELECT sum(usage) AS usage, sum(base) AS base, sum(overage_units) AS overage_units,
                       sum(overage) AS overage, sum(buffer_units) AS buffer_units, sum(buffer) AS buffer,
                       sum(cost) AS cost
                FROM billing_readings a
                WHERE a.org_id = f.org_id AND a.bucket_id = f.bucket_id AND a.kind = 'adjustment'
                  AND a.original_year = f.period_year AND a.original_month = f.period_month
                  AND NOT (a.status = 'draft' AND a.period_year = @RunningYear AND a.period_month = @RunningMonth)
            ) a ON true
            WHERE f.org_id = @orgId AND f.kind = 'reading' AND f.status = 'final'
              AND f.period_year = @Year AND f.period_month = @Month
            """, new
        {
            orgId,
            corrected.Year,
            corrected.Month,
            RunningYear = running.Year,
            RunningMonth = running.Month,
        }, cancellationToken: cancellationToken));
        return rows.Select(row => row.ToBill(corrected)).ToList();
    }

    /// <summary>
    /// The usage of each finalized bucket period of <paramref name="corrected"/> with every reading stored now: its
    /// line's aggregation over the assets the line counted, and over assets bound since whose every reading of the
    /// period was received after the line was computed (late readings of an asset the bucket did not have yet). Keyed
    /// by bucket; a bucket no counted asset has readings for is 0.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, decimal>> CorrectedUsageAsync(Guid orgId, BillingMonth corrected,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(Guid BucketId, decimal Usage)>(new CommandDefinition($"""
            WITH l AS (
                SELECT f.org_id, f.id AS line_id, f.bucket_id, f.aggregation, f.unit_type_key, f.period_start,
                       f.period_end, f.computed_at
                FROM billing_readings f
                WHERE f.org_id = @orgId AND f.kind = 'reading' AND f.status = 'final'
                  AND f.period_year = @Year AND f.period_month = @Month
            )
            SELECT l.bucket_id, coalesce(u.usage, 0)
            FROM l
            CROSS JOIN LATERAL (
                SELECT {BucketUsageSql.UsageTotal} AS usage
                FROM (
                    SELECT billed.org_id, billed.asset_id
                    FROM billing_reading_assets billed
                    WHERE billed.org_id = l.org_id AND billed.line_id = l.line_id
                    UNION
                    SELECT ba.org_id, ba.asset_id
                    FROM bucket_assets ba
                    JOIN assets a ON a.org_id = ba.org_id AND a.id = ba.asset_id
                    WHERE ba.org_id = l.org_id AND ba.bucket_id = l.bucket_id AND a.enabled
                      AND a.disregarded_at IS NULL
                      AND NOT EXISTS (
                          SELECT 1 FROM raw_readings early
                          WHERE early.org_id = ba.org_id AND early.asset_id = ba.asset_id
                            AND early.unit_type_key = l.unit_type_key
                            AND early.observed_at >= l.period_start AND early.observed_at < l.period_end
                            AND early.received_at <= l.computed_at)
                ) counted
                {BucketUsageSql.UsageOfCountedAsset}
            ) u
            """, new { orgId, corrected.Year, corrected.Month }, commandTimeout: (int)CorrectionTimeout.TotalSeconds,
            cancellationToken: cancellationToken));
        return rows.ToDictionary(row => row.BucketId, row => row.Usage);
    }

    /// <summary>A correction reads a whole month of readings, as a run does.</summary>
    private static readonly TimeSpan CorrectionTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Records a run's end; not cancellable, so a stopped run still says so.</summary>
    public async Task FinishAsync(BillingRun run, BillingRunStatus status, string? error)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE billing_runs SET status = @status, error = @error, finished_at = @now
            WHERE org_id = @OrgId AND id = @Id
            """, new { run.OrgId, run.Id, status = status.ToApiName(), error, now = timeProvider.GetUtcNow().UtcDateTime }));
    }

    /// <summary>How far a running run has got, for the API and the page.</summary>
    public async Task UpdateProgressAsync(BillingRun run, int clientsDone, int clientsTotal, int bucketsDone,
        int bucketsTotal, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE billing_runs SET clients_done = @clientsDone, clients_total = @clientsTotal,
                                    buckets_done = @bucketsDone, buckets_total = @bucketsTotal
            WHERE org_id = @OrgId AND id = @Id
            """, new { run.OrgId, run.Id, clientsDone, clientsTotal, bucketsDone, bucketsTotal },
            cancellationToken: cancellationToken));
    }

    private sealed record RunKey(Guid OrgId, Guid Id);

    private sealed record BillingRunRow(Guid OrgId, Guid Id, int Year, int Month, string Status, int ClientsDone,
        int ClientsTotal, int BucketsDone, int BucketsTotal, DateTime RequestedAt, DateTime? StartedAt,
        DateTime? FinishedAt, string? Error, Guid? RequestedBy, string Trigger)
    {
        public BillingRun ToRun() => new(OrgId, Id, Year, Month, BillingRunNames.ParseStatus(Status), ClientsDone,
            ClientsTotal, BucketsDone, BucketsTotal, Utc(RequestedAt), StartedAt is { } started ? Utc(started) : null,
            FinishedAt is { } finished ? Utc(finished) : null, Error, RequestedBy,
            BillingRunNames.ParseTrigger(Trigger));
    }

    /// <summary>A line as <see cref="CompleteAsync"/> inserts it.</summary>
    private sealed record BillingLineRow(Guid OrgId, Guid Id, Guid RunId, string Kind, Guid ClientId, Guid BucketId,
        string BucketName, string? SourceType, string UnitTypeKey, string Aggregation, int Year, int Month,
        DateTime PeriodStart, DateTime PeriodEnd, int? OriginalYear, int? OriginalMonth, decimal Usage,
        decimal CommitUnits, decimal BasePrice, decimal OveragePrice, decimal Base, decimal OverageUnits,
        decimal Overage, decimal BufferUnits, decimal Buffer, decimal Cost, string Currency, DateTime ComputedAt)
    {
        public BillingLineRow(BillingRun run, BillingLine line, Guid id, DateTime computedAt)
            : this(run.OrgId, id, run.Id, line.IsAdjustment ? BillingLineKinds.Adjustment : BillingLineKinds.Reading,
                line.ClientId, line.BucketId, line.BucketName, line.SourceType, line.UnitTypeKey,
                line.Aggregation.ToApiName(), run.Year, run.Month, line.PeriodStart.UtcDateTime,
                line.PeriodEnd.UtcDateTime, line.Corrects?.Year, line.Corrects?.Month, line.Figures.Usage,
                line.Pricing.CommitUnits, line.Pricing.BasePrice.Amount, line.Pricing.OveragePricePerUnit.Amount,
                line.Figures.Base, line.Figures.OverageUnits, line.Figures.Overage, line.Figures.BufferUnits,
                line.Figures.Buffer, line.Figures.Cost, line.Pricing.Currency, computedAt)
        {
        }
    }

    private sealed record FinalizedBillRow(Guid ClientId, Guid BucketId, decimal BasePrice, decimal CommitUnits,
        decimal OveragePrice, string Currency, decimal Usage, decimal Base, decimal OverageUnits, decimal Overage,
        decimal BufferUnits, decimal Buffer, decimal Cost)
    {
        public FinalizedBucketPeriod ToBill(BillingMonth month) => new(ClientId, BucketId, month.Year, month.Month,
            new BucketPricing(new Money(BasePrice, Currency), CommitUnits, new Money(OveragePrice, Currency)),
            new BilledFigures(Usage, Base, OverageUnits, Overage, BufferUnits, Buffer, Cost));
    }

    private static DateTimeOffset Utc(DateTime value) => new(value, TimeSpan.Zero);
}

/// <summary>A claimed run: holds its run lock (see <see cref="BillingRunStore.ClaimNextAsync"/>) until disposed.</summary>
public sealed class BillingRunLease(BillingRun run, HeldRunLock runLock) : IAsyncDisposable
{
    public BillingRun Run { get; } = run;

    public ValueTask DisposeAsync() => runLock.DisposeAsync();
}

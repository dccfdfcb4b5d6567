using BillingOne.BuildingBlocks.Auditing;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.Metering.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Metering.Data;

/// <summary>The outcome of asking for a run: the queued run, or (when null) the run already queued or running.</summary>
public sealed record BillingRunRequest(BillingRun? Queued, BillingRun? Active);

/// <summary>
/// Billing runs and the billing readings they write. A run is queued by the API and executed by
/// <see cref="BillingRuns.BillingRunWorker"/>; its usage comes from <see cref="BucketQueries.UsageForMonthAsync"/>, the
/// live usage statement, and its readings replace the period's drafts in one transaction, so a failed run leaves the
/// previous drafts as they were.
/// </summary>
public sealed class BillingRunStore(NpgsqlDataSource dataSource, BucketQueries buckets, TimeProvider timeProvider)
{
    public const string AuditTable = "billing_runs";

    private const string ActivePeriodIndex = "ux_billing_runs_active_period";

    private const string Columns = """
        org_id AS OrgId, id AS Id, period_year AS Year, period_month AS Month, status AS Status,
        clients_done AS ClientsDone, clients_total AS ClientsTotal, buckets_done AS BucketsDone,
        buckets_total AS BucketsTotal, requested_at AS RequestedAt, started_at AS StartedAt, finished_at AS FinishedAt,
        error AS Error, requested_by AS RequestedBy
        """;

    /// <summary>
    /// Queues a run of <paramref name="month"/>, audited as the caller, unless one of that period is queued or running.
    /// </summary>
    public async Task<BillingRunRequest> RequestAsync(Guid orgId, BillingMonth month, Guid? requestedBy,
        IAuditTrail audit, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var run = (await connection.QuerySingleAsync<BillingRunRow>(new CommandDefinition($"""
                INSERT INTO billing_runs (org_id, id, period_year, period_month, status, requested_at, requested_by)
                VALUES (@orgId, @id, @Year, @Month, 'queued', @now, @requestedBy)
                RETURNING {Columns}
                """, new { orgId, id = Guid.CreateVersion7(now), month.Year, month.Month, now, requestedBy },
                transaction, cancellationToken: cancellationToken))).ToRun();
            await audit.RecordAsync(transaction, AuditActions.Create, AuditTable, run.Id.ToString(), null,
                new { period = month.ToString() }, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new BillingRunRequest(run, null);
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
            return new BillingRunRequest(null, active?.ToRun());
        }
    }

    public async Task<BillingRun?> FindAsync(Guid orgId, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<BillingRunRow>(new CommandDefinition($"""
            SELECT {Columns} FROM billing_runs WHERE org_id = @orgId AND id = @id
            """, new { orgId, id }, cancellationToken: cancellationToken));
        return row?.ToRun();
    }

    /// <summary>A page of the organization's runs, newest first.</summary>
    public async Task<PagedResult<BillingRun>> ListAsync(Guid orgId, PageRequest page,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition($"""
            SELECT count(*) FROM billing_runs WHERE org_id = @orgId;
            SELECT {Columns} FROM billing_runs WHERE org_id = @orgId
            ORDER BY requested_at DESC, id DESC LIMIT @limit OFFSET @offset;
            """, new { orgId, limit = page.PageSize, offset = page.Offset }, cancellationToken: cancellationToken));
        var totalCount = await results.ReadSingleAsync<long>();
        var rows = await results.ReadAsync<BillingRunRow>();
        return new PagedResult<BillingRun>(rows.Select(row => row.ToRun()).ToList(), page.Page, page.PageSize,
            totalCount);
    }

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
        var holder = await dataSource.OpenConnectionAsync(cancellationToken);
        NpgsqlTransaction? holding = null;
        BillingRunLease? lease = null;
        try
        {
            holding = await holder.BeginTransactionAsync(cancellationToken);
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
            await holder.ExecuteAsync(new CommandDefinition($"SELECT pg_advisory_xact_lock({RunLockKey("@id")})",
                new { id = claimed.Id.ToString() }, holding, cancellationToken: cancellationToken));
            var row = await connection.QuerySingleAsync<BillingRunRow>(new CommandDefinition($"""
                UPDATE billing_runs SET status = 'running', started_at = @now
                WHERE org_id = @OrgId AND id = @Id
                RETURNING {Columns}
                """, new { claimed.OrgId, claimed.Id, now }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            lease = new BillingRunLease(row.ToRun(), holder, holding);
            return lease;
        }
        finally
        {
            // Unless a lease took them over: ending the holding transaction releases the run lock.
            if (lease is null)
            {
                if (holding is not null)
                {
                    await holding.DisposeAsync();
                }
                await holder.DisposeAsync();
            }
        }
    }

    /// <summary>The advisory lock key of a run, from SQL text that yields the run id as text.</summary>
    internal static string RunLockKey(string idText) => $"hashtextextended('metering:billing-run:' || {idText}, 0)";

    /// <summary>
    /// Computes the run's period and replaces its draft readings, all in one transaction with the run's completion.
    /// A bucket whose cost cannot be calculated fails the run (and writes nothing) rather than bill a partial period.
    /// </summary>
    public async Task ExecuteAsync(BillingRun run, CancellationToken cancellationToken)
    {
        var usage = await buckets.UsageForMonthAsync(run.OrgId, run.Year, run.Month, cancellationToken);
        var clientsTotal = usage.Select(view => view.Bucket.Definition.ClientId).Distinct().Count();
        await UpdateProgressAsync(run, 0, clientsTotal, 0, usage.Count, cancellationToken);

        var lines = new List<BillingLine>(usage.Count);
        foreach (var view in usage)
        {
            if (!BillingLine.TryPrice(view.Bucket, view.PeriodStart, view.PeriodEnd, view.Usage, out var line))
            {
                await FinishAsync(run, BillingRunStatus.Failed, $"The cost of bucket '{view.Bucket.Id}' is beyond " +
                    "what can be calculated for its usage: check its prices and commit.");
                return;
            }
            lines.Add(line);
        }

        var now = timeProvider.GetUtcNow().UtcDateTime;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM billing_readings
            WHERE org_id = @OrgId AND period_year = @Year AND period_month = @Month AND status = 'draft'
            """, new { run.OrgId, run.Year, run.Month }, transaction, cancellationToken: cancellationToken));
        // A bucket whose period is already final keeps its final reading (ON CONFLICT DO NOTHING).
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO billing_readings (org_id, id, run_id, client_id, bucket_id, period_year, period_month,
                                          period_start, period_end, usage, commit_units, base, overage_units, overage,
                                          buffer_units, buffer, cost, currency, status, computed_at)
            VALUES (@OrgId, @Id, @RunId, @ClientId, @BucketId, @Year, @Month, @PeriodStart, @PeriodEnd, @Usage,
                    @CommitUnits, @Base, @OverageUnits, @Overage, @BufferUnits, @Buffer, @Cost, @Currency, 'draft', @now)
            ON CONFLICT (org_id, bucket_id, period_start) DO NOTHING
            """, lines.Select(line => new
        {
            run.OrgId,
            Id = Guid.CreateVersion7(now),
            RunId = run.Id,
            line.ClientId,
            line.BucketId,
            run.Year,
            run.Month,
            PeriodStart = line.PeriodStart.UtcDateTime,
            PeriodEnd = line.PeriodEnd.UtcDateTime,
            line.Cost.Usage,
            line.Cost.CommitUnits,
            Base = line.Cost.BasePrice.Amount,
            line.Cost.OverageUnits,
            Overage = line.Cost.Overage.Amount,
            line.Cost.BufferUnits,
            Buffer = line.Cost.Buffer.Amount,
            Cost = line.Cost.Cost.Amount,
            line.Cost.BasePrice.Currency,
            now,
        }), transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE billing_runs
            SET status = 'completed', finished_at = @now, clients_done = clients_total, buckets_done = buckets_total
            WHERE org_id = @OrgId AND id = @Id
            """, new { run.OrgId, run.Id, now }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Records a run's end; not cancellable, so a stopped run still says so.</summary>
    public async Task FinishAsync(BillingRun run, BillingRunStatus status, string? error)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE billing_runs SET status = @status, error = @error, finished_at = @now
            WHERE org_id = @OrgId AND id = @Id
            """, new { run.OrgId, run.Id, status = status.ToApiName(), error, now = timeProvider.GetUtcNow().UtcDateTime }));
    }

    /// <summary>A page of the period's billing readings (only <paramref name="clientScope"/>'s when set).</summary>
    public async Task<PagedResult<BillingReadingView>> ListReadingsAsync(Guid orgId, Guid? clientScope,
        BillingMonth month, PageRequest page, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        const string filter = """
            r.org_id = @orgId AND r.period_year = @Year AND r.period_month = @Month
            AND (@clientScope::uuid IS NULL OR r.client_id = @clientScope)
            """;
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition($"""
            SELECT count(*) FROM billing_readings r WHERE {filter};
            SELECT r.run_id AS RunId, r.client_id AS ClientId, c.name AS ClientName, r.bucket_id AS BucketId,
                   b.name AS BucketName, r.period_start AS PeriodStart, r.period_end AS PeriodEnd, r.usage AS Usage,
                   r.commit_units AS CommitUnits, r.base AS Base, r.overage_units AS OverageUnits,
                   r.overage AS Overage, r.buffer_units AS BufferUnits, r.buffer AS Buffer, r.cost AS Cost,
                   r.currency AS Currency, r.status AS Status, r.finalized_at AS FinalizedAt
            FROM billing_readings r
            LEFT JOIN clients c ON c.org_id = r.org_id AND c.client_id = r.client_id
            LEFT JOIN buckets b ON b.org_id = r.org_id AND b.id = r.bucket_id
            WHERE {filter}
            ORDER BY lower(c.name) NULLS LAST, r.client_id, lower(b.name), r.bucket_id
            LIMIT @limit OFFSET @offset;
            """, new { orgId, clientScope, month.Year, month.Month, limit = page.PageSize, offset = page.Offset },
            cancellationToken: cancellationToken));
        var totalCount = await results.ReadSingleAsync<long>();
        var rows = await results.ReadAsync<BillingReadingRow>();
        return new PagedResult<BillingReadingView>(rows.Select(row => row.ToView()).ToList(), page.Page,
            page.PageSize, totalCount);
    }

    private async Task UpdateProgressAsync(BillingRun run, int clientsDone, int clientsTotal, int bucketsDone,
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
        DateTime? FinishedAt, string? Error, Guid? RequestedBy)
    {
        public BillingRun ToRun() => new(OrgId, Id, Year, Month, BillingRunNames.ParseStatus(Status), ClientsDone,
            ClientsTotal, BucketsDone, BucketsTotal, Utc(RequestedAt), StartedAt is { } started ? Utc(started) : null,
            FinishedAt is { } finished ? Utc(finished) : null, Error, RequestedBy);
    }

    private sealed record BillingReadingRow(Guid RunId, Guid ClientId, string? ClientName, Guid BucketId,
        string? BucketName, DateTime PeriodStart, DateTime PeriodEnd, decimal Usage, decimal CommitUnits, decimal Base,
        decimal OverageUnits, decimal Overage, decimal BufferUnits, decimal Buffer, decimal Cost, string Currency,
        string Status, DateTime? FinalizedAt)
    {
        public BillingReadingView ToView() => new(RunId, ClientId, ClientName, BucketId, BucketName, Utc(PeriodStart),
            Utc(PeriodEnd), Usage, CommitUnits, Base, OverageUnits, Overage, BufferUnits, Buffer, Cost, Currency,
            Status, FinalizedAt is { } finalized ? Utc(finalized) : null);
    }

    private static DateTimeOffset Utc(DateTime value) => new(value, TimeSpan.Zero);
}

/// <summary>A billing reading with the names lists show.</summary>
public sealed record BillingReadingView(Guid RunId, Guid ClientId, string? ClientName, Guid BucketId,
    string? BucketName, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, decimal Usage, decimal CommitUnits,
    decimal Base, decimal OverageUnits, decimal Overage, decimal BufferUnits, decimal Buffer, decimal Cost,
    string Currency, string Status, DateTimeOffset? FinalizedAt);

/// <summary>A claimed run: holds its run lock (see <see cref="BillingRunStore.ClaimNextAsync"/>) until disposed.</summary>
public sealed class BillingRunLease(BillingRun run, NpgsqlConnection holder, NpgsqlTransaction holding)
    : IAsyncDisposable
{
    public BillingRun Run { get; } = run;

    public async ValueTask DisposeAsync()
    {
        await holding.DisposeAsync();
        await holder.DisposeAsync();
    }
}

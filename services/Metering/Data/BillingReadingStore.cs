using BillingOne.BuildingBlocks.Auditing;
using BillingOne.BuildingBlocks.Data;
using BillingOne.BuildingBlocks.Messaging;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.Contracts.Events;
using BillingOne.Contracts.Money;
using BillingOne.Metering.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Metering.Data;

/// <summary>A month's lines as one status: all draft, all final, or (lines added after finalization) partly final.</summary>
public enum BillingLinesStatus
{
    Draft,
    Final,
    Partial,
}

/// <summary>The outcome of finalizing a month.</summary>
public enum FinalizeOutcome
{
    Finalized,
    NothingToFinalize,
    AlreadyFinal,
    RunInProgress,
}

/// <summary>What finalizing a month did: how many lines became final, or why none did.</summary>
public sealed record FinalizeResult(FinalizeOutcome Outcome, int Lines, DateTimeOffset? FinalizedAt, Guid? RunId);

/// <summary>A month's billing: how many clients and buckets it bills and its totals per currency.</summary>
public sealed record BillingPeriodSummary(BillingMonth Month, int Clients, int Buckets, int Adjustments,
    IReadOnlyList<Money> Totals, BillingLinesStatus Status, DateTimeOffset? FinalizedAt);

/// <summary>One client's billing for a month (seed "Client | Period Start | Period End | Buckets | Total Cost").</summary>
public sealed record ClientBillingSummary(Guid ClientId, string? ClientName, DateTimeOffset PeriodStart,
    DateTimeOffset PeriodEnd, int Buckets, int Adjustments, IReadOnlyList<Money> Totals, BillingLinesStatus Status);

/// <summary>A billing line with the client name lists show.</summary>
public sealed record BillingLineView(Guid Id, Guid RunId, string Kind, Guid ClientId, string? ClientName,
    Guid BucketId, string BucketName, string? SourceType, string UnitTypeKey, string Aggregation,
    BillingMonth Month, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, BillingMonth? OriginalMonth,
    decimal Usage, decimal CommitUnits, decimal Base, decimal OverageUnits, decimal Overage, decimal BufferUnits,
    decimal Buffer, decimal Cost, string Currency, string Status, DateTimeOffset? FinalizedAt);

/// <summary>A bucket's bill for one month, with what adjustments have added to it since.</summary>
public sealed record BucketBillingMonth(BillingMonth Month, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd,
    decimal Usage, decimal CommitUnits, decimal Cost, decimal Overage, decimal OverageUnits, decimal Buffer,
    decimal BufferUnits, decimal AdjustmentCost, string Currency, string Status);

/// <summary>
/// The billing lines runs wrote: months, clients, lines, a bucket's history, exports, and finalization (which
/// publishes <see cref="BillingPeriodFinalized"/> through the outbox in the same transaction).
/// </summary>
public sealed class BillingReadingStore(NpgsqlDataSource dataSource, IOutbox outbox,
    UsageObservationStore observations, TimeProvider timeProvider)
{
    public const string FinalizeAuditTable = "billing_periods";
    public const string FinalizeAuditAction = "finalize";

    private const string LineColumns = """
        r.id AS Id, r.run_id AS RunId, r.kind AS Kind, r.client_id AS ClientId, c.name AS ClientName,
        r.bucket_id AS BucketId, r.bucket_name AS BucketName, r.source_type AS SourceType,
        r.unit_type_key AS UnitTypeKey, r.aggregation AS Aggregation, r.period_year AS Year, r.period_month AS Month,
        r.period_start AS PeriodStart, r.period_end AS PeriodEnd, r.original_year AS OriginalYear,
        r.original_month AS OriginalMonth, r.usage AS Usage, r.commit_units AS CommitUnits, r.base AS Base,
        r.overage_units AS OverageUnits, r.overage AS Overage, r.buffer_units AS BufferUnits, r.buffer AS Buffer,
        r.cost AS Cost, r.currency AS Currency, r.status AS Status, r.finalized_at AS FinalizedAt
        """;

    private const string ScopeFilter = "(@clientScope::uuid IS NULL OR r.client_id = @clientScope)";

    /// <summary>The months that have billing lines, newest first (only <paramref name="clientScope"/>'s when set).</summary>
    /// <summary>The billed months, newest first; <paramref name="from"/> and <paramref name="to"/> keep those that
    /// overlap the days between them.</summary>
    public async Task<PagedResult<BillingPeriodSummary>> ListPeriodsAsync(Guid orgId, Guid? clientScope,
        DateOnly? from, DateOnly? to, PageRequest page, CancellationToken cancellationToken)
    {
        const string InRange = """
            (@fromKey::int IS NULL OR r.period_year * 100 + r.period_month >= @fromKey)
            AND (@toKey::int IS NULL OR r.period_year * 100 + r.period_month <= @toKey)
            """;
        var parameters = new
        {
            orgId,
            clientScope,
            fromKey = from is { } first ? first.Year * 100 + first.Month : (int?)null,
            toKey = to is { } last ? last.Year * 100 + last.Month : (int?)null,
            limit = page.PageSize,
            offset = page.Offset,
        };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition($"""
            SELECT count(DISTINCT (r.period_year, r.period_month)) FROM billing_readings r
            WHERE r.org_id = @orgId AND {ScopeFilter} AND {InRange};
            SELECT r.period_year AS Year, r.period_month AS Month, count(DISTINCT r.client_id) AS Clients,
                   count(*) FILTER (WHERE r.kind = 'reading') AS Buckets,
                   count(*) FILTER (WHERE r.kind = 'adjustment') AS Adjustments,
                   bool_and(r.status = 'final') AS AllFinal, bool_or(r.status = 'final') AS AnyFinal,
                   max(r.finalized_at) AS FinalizedAt
            FROM billing_readings r
            WHERE r.org_id = @orgId AND {ScopeFilter} AND {InRange}
            GROUP BY r.period_year, r.period_month
            ORDER BY r.period_year DESC, r.period_month DESC
            LIMIT @limit OFFSET @offset;
            """, parameters, cancellationToken: cancellationToken));
        var totalCount = await results.ReadSingleAsync<long>();
        var rows = (await results.ReadAsync<PeriodRow>()).ToList();
        var keys = rows.Select(row => row.Year * 100 + row.Month).ToArray();
        var totals = (await connection.QueryAsync<TotalRow>(new CommandDefinition($"""
            SELECT r.period_year * 100 + r.period_month AS Key, r.currency AS Currency, sum(r.cost) AS Amount
            FROM billing_readings r
            WHERE r.org_id = @orgId AND {ScopeFilter} AND r.period_year * 100 + r.period_month = ANY(@keys)
            GROUP BY 1, 2 ORDER BY 2
            """, new { orgId, clientScope, keys }, cancellationToken: cancellationToken)))
            .ToLookup(row => row.Key, row => new Money(row.Amount, row.Currency.Trim()));
        var items = rows.Select(row => new BillingPeriodSummary(new BillingMonth(row.Year, row.Month), (int)row.Clients,
            (int)row.Buckets, (int)row.Adjustments, totals[row.Year * 100 + row.Month].ToList(),
            StatusOf(row.AllFinal, row.AnyFinal), row.FinalizedAt is { } at ? Utc(at) : null)).ToList();
        return new PagedResult<BillingPeriodSummary>(items, page.Page, page.PageSize, totalCount);
    }

    /// <summary>The most recent month with billing lines (the export's default), or null when there is none.</summary>
    public async Task<BillingMonth?> LatestMonthAsync(Guid orgId, Guid? clientScope,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var latest = await connection.QuerySingleOrDefaultAsync<(int Year, int Month)?>(new CommandDefinition($"""
            SELECT r.period_year, r.period_month FROM billing_readings r
            WHERE r.org_id = @orgId AND {ScopeFilter}
            ORDER BY r.period_year DESC, r.period_month DESC LIMIT 1
            """, new { orgId, clientScope }, cancellationToken: cancellationToken));
        return latest is { } month ? new BillingMonth(month.Year, month.Month) : null;
    }

    /// <summary>A page of the month's clients, by name; <paramref name="search"/> matches the client's name.</summary>
    public async Task<PagedResult<ClientBillingSummary>> ListClientsAsync(Guid orgId, Guid? clientScope,
        BillingMonth month, string? search, PageRequest page, CancellationToken cancellationToken)
    {
        var filter = $"""
            r.org_id = @orgId AND r.period_year = @Year AND r.period_month = @Month AND {ScopeFilter}
            AND (@pattern::text IS NULL OR c.name ILIKE @pattern)
            """;
        var parameters = new
        {
            orgId,
            clientScope,
            month.Year,
            month.Month,
            pattern = search is null ? null : LikePatterns.Containing(search),
            limit = page.PageSize,
            offset = page.Offset,
        };
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition($"""
            SELECT count(DISTINCT r.client_id) FROM billing_readings r
            LEFT JOIN clients c ON c.org_id = r.org_id AND c.client_id = r.client_id
            WHERE {filter};
            SELECT r.client_id AS ClientId, c.name AS ClientName, min(r.period_start) AS PeriodStart,
                   max(r.period_end) AS PeriodEnd, count(*) FILTER (WHERE r.kind = 'reading') AS Buckets,
                   count(*) FILTER (WHERE r.kind = 'adjustment') AS Adjustments,
                   bool_and(r.status = 'final') AS AllFinal, bool_or(r.status = 'final') AS AnyFinal
            FROM billing_readings r
            LEFT JOIN clients c ON c.org_id = r.org_id AND c.client_id = r.client_id
            WHERE {filter}
            GROUP BY r.client_id, c.name
            ORDER BY lower(c.name) NULLS LAST, r.client_id
            LIMIT @limit OFFSET @offset;
            """, parameters, cancellationToken: cancellationToken));
        var totalCount = await results.ReadSingleAsync<long>();
        var rows = (await results.ReadAsync<ClientRow>()).ToList();
        var clientIds = rows.Select(row => row.ClientId).ToArray();
        var totals = (await connection.QueryAsync<ClientTotalRow>(new CommandDefinition("""
            SELECT r.client_id AS ClientId, r.currency AS Currency, sum(r.cost) AS Amount
            FROM billing_readings r
            WHERE r.org_id = @orgId AND r.period_year = @Year AND r.period_month = @Month
              AND r.client_id = ANY(@clientIds)
            GROUP BY 1, 2 ORDER BY 2
            """, new { orgId, month.Year, month.Month, clientIds }, cancellationToken: cancellationToken)))
            .ToLookup(row => row.ClientId, row => new Money(row.Amount, row.Currency.Trim()));
        var items = rows.Select(row => new ClientBillingSummary(row.ClientId, row.ClientName, Utc(row.PeriodStart),
            Utc(row.PeriodEnd), (int)row.Buckets, (int)row.Adjustments, totals[row.ClientId].ToList(),
            StatusOf(row.AllFinal, row.AnyFinal))).ToList();
        return new PagedResult<ClientBillingSummary>(items, page.Page, page.PageSize, totalCount);
    }

    /// <summary>
    /// A page of the month's lines (only <paramref name="clientId"/>'s when set): readings by client and bucket name,
    /// each bucket's adjustments after its reading.
    /// </summary>
    public async Task<PagedResult<BillingLineView>> ListLinesAsync(Guid orgId, Guid? clientScope, BillingMonth month,
        Guid? clientId, PageRequest page, CancellationToken cancellationToken)
    {
        const string filter = $"""
            r.org_id = @orgId AND r.period_year = @Year AND r.period_month = @Month AND {ScopeFilter}
            AND (@clientId::uuid IS NULL OR r.client_id = @clientId)
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition($"""
            SELECT count(*) FROM billing_readings r WHERE {filter};
            SELECT {LineColumns}
            FROM billing_readings r
            LEFT JOIN clients c ON c.org_id = r.org_id AND c.client_id = r.client_id
            WHERE {filter}
            ORDER BY {LineOrder}
            LIMIT @limit OFFSET @offset;
            """, new { orgId, clientScope, clientId, month.Year, month.Month, limit = page.PageSize, offset = page.Offset },
            cancellationToken: cancellationToken));
        var totalCount = await results.ReadSingleAsync<long>();
        var rows = await results.ReadAsync<LineRow>();
        return new PagedResult<BillingLineView>(rows.Select(row => row.ToView()).ToList(), page.Page, page.PageSize,
            totalCount);
    }

    /// <summary>Every line of the month, by billing type (source type), client and bucket: what the export writes.</summary>
    public async Task<IReadOnlyList<BillingLineView>> ExportLinesAsync(Guid orgId, Guid? clientScope,
        BillingMonth month, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<LineRow>(new CommandDefinition($"""
            SELECT {LineColumns}
            FROM billing_readings r
            LEFT JOIN clients c ON c.org_id = r.org_id AND c.client_id = r.client_id
            WHERE r.org_id = @orgId AND r.period_year = @Year AND r.period_month = @Month AND {ScopeFilter}
            ORDER BY lower(r.source_type) NULLS FIRST, {LineOrder}
            """, new { orgId, clientScope, month.Year, month.Month }, cancellationToken: cancellationToken));
        return rows.Select(row => row.ToView()).ToList();
    }

    /// <summary>
    /// The bucket's currency and its bills of its last <paramref name="months"/> billed months, oldest first, each with
    /// the cost its adjustments have added since; null when the caller (only <paramref name="clientScope"/>'s buckets
    /// when set) sees no such bucket.
    /// </summary>
    public async Task<(string Currency, IReadOnlyList<BucketBillingMonth> Months)?> HistoryAsync(Guid orgId,
        Guid? clientScope, Guid bucketId, int months, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var currency = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition("""
            SELECT currency FROM buckets
            WHERE org_id = @orgId AND id = @bucketId AND (@clientScope::uuid IS NULL OR client_id = @clientScope)
            """, new { orgId, bucketId, clientScope }, cancellationToken: cancellationToken));
        if (currency is null)
        {
            return null;
        }
        var rows = await connection.QueryAsync<HistoryRow>(new CommandDefinition("""
            SELECT * FROM (
                SELECT r.period_year AS Year, r.period_month AS Month, r.period_start AS PeriodStart,
                       r.period_end AS PeriodEnd, r.usage AS Usage, r.commit_units AS CommitUnits, r.cost AS Cost,
                       r.overage AS Overage, r.overage_units AS OverageUnits, r.buffer AS Buffer,
                       r.buffer_units AS BufferUnits,
                       coalesce((SELECT sum(a.cost) FROM billing_readings a
                                 WHERE a.org_id = r.org_id AND a.bucket_id = r.bucket_id AND a.kind = 'adjustment'
                                   AND a.original_year = r.period_year AND a.original_month = r.period_month), 0)
                           AS AdjustmentCost,
                       r.currency AS Currency, r.status AS Status
                FROM billing_readings r
                WHERE r.org_id = @orgId AND r.bucket_id = @bucketId AND r.kind = 'reading'
                ORDER BY r.period_year DESC, r.period_month DESC
                LIMIT @months
            ) recent
            ORDER BY Year, Month
            """, new { orgId, bucketId, months }, cancellationToken: cancellationToken));
        return (currency.Trim(), rows.Select(row => new BucketBillingMonth(new BillingMonth(row.Year, row.Month),
            Utc(row.PeriodStart), Utc(row.PeriodEnd), row.Usage, row.CommitUnits, row.Cost, row.Overage,
            row.OverageUnits, row.Buffer, row.BufferUnits, row.AdjustmentCost, row.Currency.Trim(), row.Status))
            .ToList());
    }

    /// <summary>
    /// Makes the month's drafts final, audited as <paramref name="actor"/> (the request's caller when null), and
    /// publishes <see cref="BillingPeriodFinalized"/>, <see cref="ClientBillingFinalized"/> and each billed bucket's
    /// final <see cref="BucketUsageObserved"/> in the same transaction. Refused while a run of the month is
    /// queued or running, so no run's drafts can land after its finalization.
    /// </summary>
    public async Task<FinalizeResult> FinalizeAsync(Guid orgId, BillingMonth month, IAuditTrail audit,
        AuditActor? actor, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await BillingPeriodLock.AcquireAsync(transaction, orgId, month, cancellationToken);
        var activeRun = await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition("""
            SELECT id FROM billing_runs
            WHERE org_id = @orgId AND period_year = @Year AND period_month = @Month AND status IN ('queued', 'running')
            """, new { orgId, month.Year, month.Month }, transaction, cancellationToken: cancellationToken));
        if (activeRun is not null)
        {
            return new FinalizeResult(FinalizeOutcome.RunInProgress, 0, null, activeRun);
        }
        var finalized = (await connection.QueryAsync<FinalizedLineRow>(new CommandDefinition("""
            UPDATE billing_readings SET status = 'final', finalized_at = @now
            WHERE org_id = @orgId AND period_year = @Year AND period_month = @Month AND status = 'draft'
            RETURNING client_id AS ClientId, currency AS Currency, cost AS Cost, bucket_id AS BucketId,
                bucket_name AS BucketName, unit_type_key AS BillingType, kind AS Kind, usage AS Usage,
                commit_units AS CommitUnits, base AS Base, overage AS Overage, original_year AS OriginalYear,
                original_month AS OriginalMonth
            """, new { orgId, month.Year, month.Month, now = now.UtcDateTime }, transaction,
            cancellationToken: cancellationToken))).ToList();
        if (finalized.Count == 0)
        {
            var anyFinal = await BillingPeriodLock.IsFinalizedAsync(transaction, orgId, month, cancellationToken);
            return new FinalizeResult(anyFinal ? FinalizeOutcome.AlreadyFinal : FinalizeOutcome.NothingToFinalize, 0,
                null, null);
        }
        var clients = BillingTotals.PerClient(
            finalized.Select(line => (line.ClientId, new Money(line.Cost, line.Currency.Trim()))));
        await outbox.EnqueueAsync(transaction, new BillingPeriodFinalized(orgId, month.Year, month.Month, now, clients),
            cancellationToken);
        foreach (var client in finalized.GroupBy(line => (line.ClientId, Currency: line.Currency.Trim())))
        {
            var lines = client.OrderBy(line => line.BucketName, StringComparer.OrdinalIgnoreCase).ThenBy(line => line.BucketId)
                .ThenBy(line => line.Kind, StringComparer.Ordinal).ThenBy(line => line.OriginalYear).ThenBy(line => line.OriginalMonth)
                .Select(line => new FinalizedBillingLine(line.BucketId, line.BucketName, line.BillingType, line.Kind,
                    line.Usage, line.CommitUnits, line.Base, line.Overage, line.Cost, line.OriginalYear, line.OriginalMonth))
                .ToList();
            await outbox.EnqueueAsync(transaction, new ClientBillingFinalized(orgId, client.Key.ClientId, month.Year,
                month.Month, client.Key.Currency, now, lines.Sum(line => line.Cost), lines), cancellationToken);
        }
        await observations.PublishFinalAsync(transaction, orgId, month.Year, month.Month,
            finalized.Where(line => line.Kind == "reading").Select(line => line.BucketId).ToList(), cancellationToken);
        var values = new
        {
            period = month.ToString(),
            lines = finalized.Count,
            totals = clients.GroupBy(client => client.Currency)
                .ToDictionary(group => group.Key, group => group.Sum(client => client.Amount)),
        };
        await (actor is null
            ? audit.RecordAsync(transaction, FinalizeAuditAction, FinalizeAuditTable, month.ToString(), null, values,
                cancellationToken)
            : audit.RecordAsync(transaction, actor, FinalizeAuditAction, FinalizeAuditTable, month.ToString(), null,
                values, cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return new FinalizeResult(FinalizeOutcome.Finalized, finalized.Count, now, null);
    }

    /// <summary>
    /// The months with drafts and the last instant any of their clients' periods ends: the grace period counts from
    /// there.
    /// </summary>
    public async Task<IReadOnlyList<(BillingMonth Month, DateTimeOffset LatestEnd)>> DraftMonthsAsync(Guid orgId,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(int Year, int Month, DateTime LatestEnd)>(new CommandDefinition("""
            SELECT period_year, period_month, max(period_end) FROM billing_readings
            WHERE org_id = @orgId AND status = 'draft'
            GROUP BY period_year, period_month ORDER BY period_year, period_month
            """, new { orgId }, cancellationToken: cancellationToken));
        return rows.Select(row => (new BillingMonth(row.Year, row.Month), Utc(row.LatestEnd))).ToList();
    }

    // Each bucket's adjustments follow its reading.
    private const string LineOrder = "lower(c.name) NULLS LAST, r.client_id, lower(r.bucket_name), r.bucket_id, " +
        "r.kind DESC, r.original_year, r.original_month";

    private static BillingLinesStatus StatusOf(bool allFinal, bool anyFinal) =>
        allFinal ? BillingLinesStatus.Final : anyFinal ? BillingLinesStatus.Partial : BillingLinesStatus.Draft;

    private static DateTimeOffset Utc(DateTime value) => new(value, TimeSpan.Zero);

    private sealed record PeriodRow(int Year, int Month, long Clients, long Buckets, long Adjustments, bool AllFinal,
        bool AnyFinal, DateTime? FinalizedAt);

    private sealed record TotalRow(int Key, string Currency, decimal Amount);

    private sealed record ClientRow(Guid ClientId, string? ClientName, DateTime PeriodStart, DateTime PeriodEnd,
        long Buckets, long Adjustments, bool AllFinal, bool AnyFinal);

    private sealed record ClientTotalRow(Guid ClientId, string Currency, decimal Amount);

    private sealed record FinalizedLineRow(Guid ClientId, string Currency, decimal Cost, Guid BucketId, string BucketName,
        string BillingType, string Kind, decimal Usage, decimal CommitUnits, decimal Base, decimal Overage,
        int? OriginalYear, int? OriginalMonth);

    private sealed record HistoryRow(int Year, int Month, DateTime PeriodStart, DateTime PeriodEnd, decimal Usage,
        decimal CommitUnits, decimal Cost, decimal Overage, decimal OverageUnits, decimal Buffer, decimal BufferUnits,
        decimal AdjustmentCost, string Currency, string Status);

    private sealed record LineRow(Guid Id, Guid RunId, string Kind, Guid ClientId, string? ClientName, Guid BucketId,
        string BucketName, string? SourceType, string UnitTypeKey, string Aggregation, int Year, int Month,
        DateTime PeriodStart, DateTime PeriodEnd, int? OriginalYear, int? OriginalMonth, decimal Usage,
        decimal CommitUnits, decimal Base, decimal OverageUnits, decimal Overage, decimal BufferUnits, decimal Buffer,
        decimal Cost, string Currency, string Status, DateTime? FinalizedAt)
    {
        public BillingLineView ToView() => new(Id, RunId, Kind, ClientId, ClientName, BucketId, BucketName, SourceType,
            UnitTypeKey, Aggregation, new BillingMonth(Year, Month), Utc(PeriodStart), Utc(PeriodEnd),
            OriginalYear is { } year && OriginalMonth is { } month ? new BillingMonth(year, month) : null, Usage,
            CommitUnits, Base, OverageUnits, Overage, BufferUnits, Buffer, Cost, Currency.Trim(), Status,
            FinalizedAt is { } finalized ? Utc(finalized) : null);
    }
}

using System.Globalization;

namespace BillingOne.Web.Api;

// The web UI's view of the metering service's billing (notes/billing-api-contract.md):
//   POST /api/metering/billing-runs  { year, month }                   -> 202 BillingRun | 400 | 409 { runId }
//   GET  /api/metering/billing-runs?page=&pageSize=                     -> PagedList<BillingRun>, newest first
//   GET  /api/metering/billing-periods?page=&pageSize=                  -> PagedList<BillingPeriodSummary>, newest first
//   GET  /api/metering/billing-periods/{period}/clients?search=&page=&pageSize= -> PagedList<ClientBillingSummary>
//   POST /api/metering/billing-periods/{period}/finalize                -> FinalizedPeriod | 404 | 409
//   GET  /api/metering/billing-readings?period=&clientId=&page=&pageSize= -> PagedList<BillingReading>
//   GET  /api/metering/billing-readings/export?period=                  -> text/csv or application/zip
//   GET  /api/metering/buckets/{id}/billing-history?months=             -> BucketBillingHistory

/// <summary>One billing run: it prices every enabled bucket's usage over a closed month.</summary>
/// <param name="Period">The billed month, YYYY-MM.</param>
/// <param name="Status">One of <see cref="BillingRunStatuses"/>.</param>
/// <param name="Error">Why a failed run failed.</param>
/// <param name="Trigger">manual or schedule.</param>
public sealed record BillingRun(
    Guid Id,
    string Period,
    string Status,
    int ClientsDone,
    int ClientsTotal,
    int BucketsDone,
    int BucketsTotal,
    DateTimeOffset RequestedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Error,
    Guid? RequestedBy,
    string? Trigger)
{
    /// <summary>Queued or running: the run may still change, so the page keeps looking at it.</summary>
    public bool IsActive => Status is BillingRunStatuses.Queued or BillingRunStatuses.Running;
}

public static class BillingRunStatuses
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
}

public sealed record StartBillingRunRequest(int Year, int Month);

/// <summary>A calendar month billing is run for and readings are listed by, written YYYY-MM.</summary>
public readonly record struct BillingMonth(int Year, int Month)
{
    public static BillingMonth Before(DateTimeOffset time)
    {
        var previous = time.UtcDateTime.AddMonths(-1);
        return new BillingMonth(previous.Year, previous.Month);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{Month:D2}");
}

/// <summary>A period with billing readings: its size and what it bills per currency.</summary>
/// <param name="Period">YYYY-MM.</param>
/// <param name="Adjustments">Adjustment rows correcting earlier, finalized periods.</param>
/// <param name="Status">One of <see cref="BillingStatuses"/>.</param>
public sealed record BillingPeriodSummary(
    string Period,
    int Clients,
    int Buckets,
    IReadOnlyList<MoneyAmount> Totals,
    int Adjustments,
    string Status,
    DateTimeOffset? FinalizedAt);

/// <summary>One client's billing of a period (seed columns Client | Period Start | Period End | Buckets | Total Cost).</summary>
/// <param name="PeriodStart">First instant of the client's month (UTC, inclusive).</param>
/// <param name="PeriodEnd">First instant of the next month (UTC, exclusive).</param>
/// <param name="Status">One of <see cref="BillingStatuses"/>.</param>
public sealed record ClientBillingSummary(
    Guid ClientId,
    string? ClientName,
    DateTimeOffset PeriodStart,
    DateTimeOffset PeriodEnd,
    int Buckets,
    IReadOnlyList<MoneyAmount> Totals,
    int Adjustments,
    string Status);

/// <summary>Draft readings can still be replaced by another run; final ones are what was billed.</summary>
public static class BillingStatuses
{
    public const string Draft = "draft";
    public const string Final = "final";
    /// <summary>A period or client with both draft and final readings.</summary>
    public const string Partial = "partial";

    public static string Label(string status) => status switch
    {
        Final => "Final",
        Partial => "Partly final",
        _ => "Draft",
    };
}

/// <summary>The answer to a finalize: how many readings became final.</summary>
public sealed record FinalizedPeriod(string Period, int Finalized, DateTimeOffset FinalizedAt);

/// <summary>
/// One bucket's billing of a period, or an adjustment: a change to a bucket of an already finalized period, billed
/// in this one (its usage and cost are the differences).
/// </summary>
/// <param name="Kind">One of <see cref="BillingReadingKinds"/>.</param>
/// <param name="OriginalPeriod">The finalized period an adjustment corrects (YYYY-MM); null for readings.</param>
/// <param name="Buffer">The unused commit's share of the base: part of it, not added to the cost.</param>
/// <param name="Cost">Base + overage; for an adjustment, the change in cost.</param>
/// <param name="Status">draft or final (<see cref="BillingStatuses"/>).</param>
public sealed record BillingReading(
    Guid Id,
    Guid RunId,
    string Kind,
    Guid ClientId,
    string? ClientName,
    Guid BucketId,
    string? BucketName,
    string? SourceType,
    string UnitTypeKey,
    string Aggregation,
    DateTimeOffset PeriodStart,
    DateTimeOffset PeriodEnd,
    string? OriginalPeriod,
    decimal Usage,
    decimal CommitUnits,
    decimal Base,
    decimal OverageUnits,
    decimal Overage,
    decimal BufferUnits,
    decimal Buffer,
    decimal Cost,
    string Currency,
    string Status,
    DateTimeOffset? FinalizedAt)
{
    public bool IsAdjustment => Kind == BillingReadingKinds.Adjustment;
}

public static class BillingReadingKinds
{
    public const string Reading = "reading";
    public const string Adjustment = "adjustment";
}

/// <summary>A bucket's billed periods, oldest first (seed "Billing History").</summary>
public sealed record BucketBillingHistory(Guid BucketId, string Currency, IReadOnlyList<BucketBillingPeriod> Periods)
{
    /// <summary>How far back the bucket view looks.</summary>
    public const int Months = 12;
}

/// <param name="Overage">Billed above the commit, in the history's currency.</param>
/// <param name="Buffer">Paid for committed units not used.</param>
/// <param name="AdjustmentCost">Corrections billed later for this period.</param>
/// <param name="Status">One of <see cref="BillingStatuses"/>.</param>
public sealed record BucketBillingPeriod(
    string Period,
    DateTimeOffset PeriodStart,
    DateTimeOffset PeriodEnd,
    decimal Usage,
    decimal CommitUnits,
    decimal Cost,
    decimal Overage,
    decimal OverageUnits,
    decimal Buffer,
    decimal BufferUnits,
    decimal AdjustmentCost,
    string Status);

/// <summary>Search and paging of a period's clients (<c>GET /api/metering/billing-periods/{period}/clients</c>).</summary>
/// <param name="Period">YYYY-MM; empty until the page knows which periods have readings.</param>
/// <param name="MonthsFrom">The periods offered are the months that end on or after this day (the period list's filter).</param>
/// <param name="MonthsTo">The periods offered are the months that start on or before this day.</param>
public sealed record PeriodClientsQuery(string Period = "", string? Search = null, int Page = 1,
    int PageSize = PeriodClientsQuery.DefaultPageSize, DateOnly? MonthsFrom = null, DateOnly? MonthsTo = null)
    : IPagedQuery<PeriodClientsQuery>
{
    public const int DefaultPageSize = 25;

    public PeriodClientsQuery WithPage(int page) => this with { Page = page };

    public string ToRequestUri() => ApiQuery.Build($"{BillingPaths.Periods}/{Period}/clients",
        ("search", Search), ("page", Page), ("pageSize", PageSize));
}

public static class BillingPaths
{
    public const string Runs = "api/metering/billing-runs";
    public const string Periods = "api/metering/billing-periods";
    public const string Readings = "api/metering/billing-readings";
    public const string ReadingsExport = "api/metering/billing-readings/export";
}

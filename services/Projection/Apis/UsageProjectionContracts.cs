using System.ComponentModel;
using BillingOne.Contracts.Money;
using BillingOne.Projection.Domain;
using Microsoft.AspNetCore.Mvc;

namespace BillingOne.Projection.Apis;

/// <summary>Query parameters of the Projections list, its export and its summary (besides the paging).</summary>
public sealed record UsageProjectionListParameters(
    [property: Description("Part of the client's or the bucket's name, any case.")]
    [FromQuery(Name = "search")] string? Search,
    [property: Description("Keeps one client's buckets.")]
    [FromQuery(Name = "clientId")] string? ClientId,
    [property: Description("over-commit or on-track; absent lists every bucket.")]
    [FromQuery(Name = "status")] string? Status,
    [property: Description("projected-cost (default), percent-of-commit, client or bucket.")]
    [FromQuery(Name = "sort")] string? Sort,
    [property: Description("asc or desc; figures default to desc, names to asc.")]
    [FromQuery(Name = "direction")] string? Direction);

/// <summary>A bucket's current period and where its usage is projected to end it.</summary>
public sealed record UsageProjectionResponse(
    Guid ClientId,
    [property: Description("The client's name as metering last announced it; null when metering had none.")]
    string? ClientName,
    Guid BucketId,
    string BucketName,
    string UnitTypeKey,
    [property: Description("sum, count, max, avg or last.")] string Aggregation,
    [property: Description("ISO 4217 code of the bucket's prices.")] string Currency,
    decimal CommitUnits,
    [property: Description("The period's usage so far, as metering observed it.")] decimal CurrentUsage,
    [property: Description("The usage the period is projected to end with, shown to the unit type's precision and at " +
        "least two decimals; the cost, % of commit and status are figured on the exact projection.")]
    decimal ProjectedUsage,
    [property: Description("Base + max(0, projected − commit) × overage, rounded once to the currency's minor units.")]
    decimal ProjectedCost,
    [property: Description("Projected usage / commit × 100 at full precision (the UI rounds to one decimal); null for a " +
        "zero commit.")] decimal? PercentOfCommit,
    [property: Description("over-commit when the exact projected usage exceeds the commit, else on-track.")] string Status,
    [property: Description("The method the backtest chose for the aggregation: linear or day-of-week for sum, level " +
        "(the level seen so far, never scaled by time) for count, max, avg and last.")]
    string Method,
    int Year,
    int Month,
    [property: Description("When the projection was computed.")] DateTimeOffset CalculatedAt,
    [property: Description("Whether the bucket bills (the list holds enabled buckets only).")] bool Enabled,
    [property: Description("The price of the commit for the period, at least the currency's minor units, as set.")]
    decimal BasePrice,
    [property: Description("The price of each unit above the commit, at least the currency's minor units, as set.")]
    decimal OveragePrice)
{
    public static UsageProjectionResponse From(UsageProjectionRow row) => new(row.ClientId, row.ClientName, row.BucketId,
        row.BucketName, row.UnitTypeKey, row.Aggregation, row.Currency, row.CommitUnits, row.CurrentUsage,
        row.ProjectedUsage, Decimals.Amount(row.ProjectedCost, row.Currency), row.PercentOfCommit, row.Status,
        row.Method, row.Year, row.Month, row.CalculatedAt, row.Enabled, Decimals.UnitPrice(row.BasePrice, row.Currency),
        Decimals.UnitPrice(row.OveragePrice, row.Currency));
}

/// <summary>The Projections screen's cards.</summary>
public sealed record UsageProjectionSummaryResponse(
    [property: Description("Buckets with a projection.")] long Buckets,
    [property: Description("Of them, projected over their commit.")] long OverCommit,
    [property: Description("Σ projected cost of the buckets in currency.")] decimal ProjectedRevenue,
    [property: Description("The currency of most buckets; null without any.")] string? Currency,
    [property: Description("The latest projection's calculation; null without any.")] DateTimeOffset? CalculatedAt);

/// <summary>How the projection methods would have done on the finalized periods.</summary>
public sealed record UsageBacktestResponse(
    [property: Description("Days of each finalized period the methods project from (Projection:Backtest:Days).")] int Days,
    IReadOnlyList<UsageBacktestItemResponse> Items);

/// <summary>A recalculation of every projection of the organization, done.</summary>
public sealed record UsageProjectionRecalculationResponse(
    [property: Description("Current bucket periods projected.")] int Projected,
    [property: Description("Finalized periods whose backtest errors were computed (none once all are stored).")]
    int BacktestPeriodsComputed,
    [property: Description("How long the recalculation took in the service, in milliseconds.")] long ElapsedMilliseconds);

public sealed record UsageBacktestItemResponse(
    [property: Description("sum, count, max, avg or last.")] string Aggregation,
    [property: Description("Finalized periods with a non-zero final usage, the ones the errors average over.")] int PeriodsScored,
    [property: Description("Finalized periods left out because their final usage was zero.")] int PeriodsWithZeroActual,
    [property: Description("Mean absolute percentage error of the linear method in percent (each scored period weighs the " +
        "same), at full precision (up to 6 decimals, the UI rounds it); null without scored periods and for count, max, avg and last, which are never scaled by time.")]
    decimal? LinearMape,
    [property: Description("Likewise for the day-of-week method.")] decimal? DayOfWeekMape,
    [property: Description("Likewise for the level method (the level seen so far), the method of count, max, avg and " +
        "last; null for sum.")]
    decimal? LevelMape,
    [property: Description("The aggregation's method with the lower error; on a tie or without data linear for sum, " +
        "level for the others.")]
    string ChosenMethod,
    [property: Description("The chosen method's mean absolute percentage error; null without scored periods.")]
    decimal? ChosenMape)
{
    public static UsageBacktestItemResponse From(BacktestScore score) => new(score.Aggregation, score.PeriodsScored,
        score.PeriodsWithZeroActual, score.LinearMape, score.DayOfWeekMape, score.LevelMape, score.ChosenMethod,
        score.ChosenMape);
}

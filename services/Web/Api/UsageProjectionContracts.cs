namespace BillingOne.Web.Api;

// The web UI's view of the projection service's usage projections (issue 18):
//   GET /api/projection/usage-projections?search=&clientId=&status=&sort=&direction=&page=&pageSize= -> PagedList<UsageProjection>
//   GET /api/projection/usage-projections/summary?search=&clientId=&status=                         -> UsageProjectionSummary
//   GET /api/projection/usage-projections/export?search=&clientId=&status=&sort=&direction=          -> text/csv
//   GET /api/projection/usage-projections/backtest                                                   -> UsageBacktest

/// <summary>A bucket's current period projected to its end.</summary>
/// <param name="Status">One of <see cref="UsageProjectionStatuses"/>.</param>
/// <param name="Method">One of <see cref="UsageProjectionMethods"/>.</param>
/// <param name="PercentOfCommit">Null for a zero commit.</param>
/// <param name="BasePrice">Commit price per period (the whole commit for one billing period), in <paramref name="Currency"/>.</param>
/// <param name="OveragePrice">Price per unit above the commit, in <paramref name="Currency"/>.</param>
public sealed record UsageProjection(
    Guid ClientId,
    string? ClientName,
    Guid BucketId,
    string BucketName,
    string UnitTypeKey,
    string Aggregation,
    string Currency,
    decimal CommitUnits,
    decimal CurrentUsage,
    decimal ProjectedUsage,
    decimal ProjectedCost,
    decimal? PercentOfCommit,
    string Status,
    string Method,
    int Year,
    int Month,
    DateTimeOffset CalculatedAt,
    bool Enabled,
    decimal BasePrice,
    decimal OveragePrice);

/// <param name="ProjectedRevenue">Σ projected cost of the buckets in <paramref name="Currency"/>.</param>
public sealed record UsageProjectionSummary(long Buckets, long OverCommit, decimal ProjectedRevenue, string? Currency,
    DateTimeOffset? CalculatedAt);

/// <param name="Days">The days of each finalized period the methods projected from.</param>
public sealed record UsageBacktest(int Days, IReadOnlyList<UsageBacktestItem> Items)
{
    public const string Path = $"{UsageProjectionQuery.Path}/backtest";
}

/// <param name="LinearMape">Mean absolute percentage error; null without a scored period and for a level (count, max,
/// avg, last), which is never scaled by time.</param>
/// <param name="LevelMape">Likewise for the level method, the levels' only one; null for sum.</param>
/// <param name="ChosenMape">The error of <paramref name="ChosenMethod"/>; null without a scored period.</param>
public sealed record UsageBacktestItem(string Aggregation, int PeriodsScored, int PeriodsWithZeroActual,
    decimal? LinearMape, decimal? DayOfWeekMape, decimal? LevelMape, string ChosenMethod, decimal? ChosenMape);

/// <summary>
/// A bucket's status at the end of the period as projected; wherever it shows it is headed <see cref="Heading"/>, so it
/// is not mistaken for the status of the usage so far (docs/domain.md, "One figure, one definition").
/// </summary>
public static class UsageProjectionStatuses
{
    public const string Heading = "Projected";

    public const string OverCommit = "over-commit";
    public const string OnTrack = "on-track";

    public static readonly IReadOnlyList<string> All = [OverCommit, OnTrack];

    public static string Label(string status) => status switch
    {
        OverCommit => "Over commit",
        OnTrack => "On track",
        _ => status,
    };

    public static string BadgeClass(string status) => status == OverCommit ? "badge-over" : "badge-on-track";
}

public static class UsageProjectionMethods
{
    public const string Linear = "linear";
    public const string DayOfWeek = "day-of-week";
    public const string Level = "level";

    public static string Label(string method) => method switch
    {
        Linear => "Linear",
        DayOfWeek => "Day of week",
        Level => "Level",
        _ => method,
    };
}

public static class UsageProjectionSortColumns
{
    public const string ProjectedCost = "projected-cost";
    public const string PercentOfCommit = "percent-of-commit";
    public const string Client = "client";
    public const string Bucket = "bucket";

    public static readonly IReadOnlyList<string> All = [ProjectedCost, PercentOfCommit, Client, Bucket];

    /// <summary>Names alphabetically; figures largest first.</summary>
    public static string DefaultDirection(string column) =>
        column is Client or Bucket ? SortDirections.Ascending : SortDirections.Descending;
}

/// <summary>Filters, search, sort and paging of <c>GET /api/projection/usage-projections</c>.</summary>
/// <param name="ClientId">One client's projections (its detail page); null for every client.</param>
public sealed record UsageProjectionQuery(
    string? Status = null,
    string? Search = null,
    string Sort = UsageProjectionSortColumns.ProjectedCost,
    string Direction = SortDirections.Descending,
    int Page = 1,
    int PageSize = UsageProjectionQuery.DefaultPageSize,
    Guid? ClientId = null) : IPagedQuery<UsageProjectionQuery>
{
    public const int DefaultPageSize = 25;
    public const string Path = "api/projection/usage-projections";

    public bool IsFiltered => Status is not null || Search is not null;

    public UsageProjectionQuery WithPage(int page) => this with { Page = page };

    public string ToRequestUri() => ApiQuery.Build(Path, ("clientId", ClientId), ("status", Status), ("search", Search),
        ("sort", Sort), ("direction", Direction), ("page", Page), ("pageSize", PageSize));

    /// <summary>The cards cover what the filters select.</summary>
    public string ToSummaryUri() => ApiQuery.Build($"{Path}/summary", ("status", Status), ("search", Search));

    public string ToExportUri() => ApiQuery.Build($"{Path}/export", ("status", Status), ("search", Search),
        ("sort", Sort), ("direction", Direction));
}

namespace BillingOne.Web.Api;

// The web UI's view of the projection service's usage analytics (issue 18):
//   GET /api/projection/usage-dashboard                                                            -> UsageDashboard
//   GET /api/projection/over-under/summary?period=                                                 -> OverUnderSummary
//   GET /api/projection/over-under/clients?period=&status=&search=&sort=&direction=&page=&pageSize= -> PagedList<OverUnderClient>
//   GET /api/projection/over-under/clients/export?period=&status=&search=&sort=&direction=         -> text/csv
//   GET /api/projection/over-under/trend?periods=                                                  -> OverUnderTrend
//   GET /api/projection/over-under/right-size?period=&unitType=&limit=                             -> RightSizeCandidates
//   GET /api/projection/over-under/right-size/export?period=&unitType=                             -> text/csv
//   GET /api/projection/over-under/unit-types?period=                                              -> UnitTypeOverUnder
//   GET /api/projection/over-under/unit-types/export?period=                                       -> text/csv
// Periods are "YYYY-MM"; money adding up several clients is in the main currency the answer names.

/// <summary>The dashboard's Usage Billing figures: this period's projections and last period's billing.</summary>
/// <param name="Period">This period (the current projections'); null without projections.</param>
/// <param name="LastPeriod">The month before, or the latest finalized one without projections.</param>
/// <param name="MonthOverMonthPercent">Null when either revenue is unknown or last period's was zero.</param>
/// <param name="AverageRevenuePerClient">Null without billing history of the last period.</param>
public sealed record UsageDashboard(
    string? Period,
    string? LastPeriod,
    string? Currency,
    decimal? ProjectedRevenue,
    decimal? LastPeriodRevenue,
    decimal? MonthOverMonthChange,
    decimal? MonthOverMonthPercent,
    IReadOnlyList<NewOverage> NewOverages,
    IReadOnlyList<TopClient> TopClients,
    ClientStatusCounts? LastPeriodStatus,
    IReadOnlyList<SourceTypeRevenue> RevenueBySourceType,
    decimal? AverageRevenuePerClient,
    int ClientsBilledLastPeriod,
    DateTimeOffset? LastProjectionAt)
{
    public const string Path = "api/projection/usage-dashboard";
}

/// <summary>A bucket projected over its commit this period that was within it last period.</summary>
public sealed record NewOverage(
    Guid ClientId,
    string? ClientName,
    Guid BucketId,
    string BucketName,
    decimal CommitUnits,
    decimal ProjectedUsage,
    decimal? PercentOfCommit,
    decimal? LastPeriodPercentOfCommit,
    decimal ProjectedCost);

/// <param name="Share">Percent of the projected revenue (up to 6 decimals; shown to one).</param>
public sealed record TopClient(Guid ClientId, string? ClientName, decimal Projected, decimal Share);

public sealed record ClientStatusCounts(int OverCommit, int UnderCommit, int Mixed, int OnCommit);

/// <param name="SourceType">A bucket's source type, or <see cref="SourceTypes.AnySource"/>.</param>
/// <param name="Share">Percent of the last period's revenue (up to 6 decimals; shown to one).</param>
public sealed record SourceTypeRevenue(string SourceType, decimal Revenue, decimal Share);

public static class SourceTypes
{
    /// <summary>Buckets that take usage from any source.</summary>
    public const string AnySource = "any-source";

    public static string Label(string sourceType) => sourceType == AnySource ? "Any source" : sourceType;
}

/// <summary>A finalized period's clients by how their billed usage compared with their commits.</summary>
/// <param name="Period">The period shown; null when nothing is finalized yet.</param>
/// <param name="Periods">Every finalized period, newest first.</param>
public sealed record OverUnderSummary(
    string? Period,
    IReadOnlyList<string> Periods,
    string? Currency,
    int Clients,
    int OverCommit,
    int UnderCommit,
    int Mixed,
    int OnCommit,
    decimal FinalCost,
    decimal Committed,
    decimal Overage,
    decimal Buffer);

/// <summary>One client's buckets of a finalized period in one currency.</summary>
/// <param name="Status">One of <see cref="OverUnderStatuses"/>.</param>
/// <param name="VsCommit">Overage − buffer: above zero the client paid for more than its commit.</param>
public sealed record OverUnderClient(
    Guid ClientId,
    string? ClientName,
    IReadOnlyList<string> UnitTypes,
    string Status,
    string Currency,
    decimal FinalCost,
    decimal Committed,
    decimal VsCommit,
    decimal Overage,
    decimal Buffer);

/// <param name="Points">The last finalized periods, oldest first.</param>
public sealed record OverUnderTrend(string? Currency, IReadOnlyList<OverUnderTrendPoint> Points);

public sealed record OverUnderTrendPoint(string Period, decimal Overage, decimal Buffer);

/// <param name="TotalBuffer">Σ buffer of the period (of the unit type when filtered), in <paramref name="Currency"/>.</param>
/// <param name="Items">Clients with a buffer, largest first.</param>
public sealed record RightSizeCandidates(
    string? Period, string? Currency, decimal TotalBuffer, IReadOnlyList<RightSizeCandidate> Items);

/// <param name="PercentUnused">Buffer / committed × 100 (up to 6 decimals; shown to one); null for a zero commit.</param>
public sealed record RightSizeCandidate(
    Guid ClientId,
    string? ClientName,
    IReadOnlyList<string> UnitTypes,
    decimal Committed,
    decimal Buffer,
    decimal BufferUnits,
    decimal? PercentUnused);

public sealed record UnitTypeOverUnder(string? Period, string? Currency, IReadOnlyList<UnitTypeOverUnderItem> Items);

/// <param name="DeltaUnits">Σ (usage − commit) over the unit type's buckets.</param>
public sealed record UnitTypeOverUnderItem(string UnitTypeKey, int Buckets, decimal DeltaUnits, decimal Overage, decimal Buffer);

/// <summary>A client's standing in a finalized period, over its buckets' billed usage against their commits.</summary>
public static class OverUnderStatuses
{
    public const string OverCommit = "over-commit";
    public const string UnderCommit = "under-commit";
    public const string Mixed = "mixed";
    public const string OnCommit = "on-commit";

    /// <summary>The statuses the client list filters by (on-commit clients show under All Clients only).</summary>
    public static readonly IReadOnlyList<string> Filters = [OverCommit, UnderCommit, Mixed];

    public static string Label(string status) => status switch
    {
        OverCommit => "Over commit",
        UnderCommit => "Under commit",
        Mixed => "Mixed",
        OnCommit => "On commit",
        _ => status,
    };

    public static string BadgeClass(string status) => status switch
    {
        OverCommit => "badge-over",
        UnderCommit => "badge-under-commit",
        Mixed => "badge-mixed",
        _ => "badge-on-track",
    };
}

public static class OverUnderSortColumns
{
    public const string Client = "client";
    public const string FinalCost = "final-cost";
    public const string VsCommit = "vs-commit";
    public const string Overage = "overage";
    public const string Buffer = "buffer";

    public static readonly IReadOnlyList<string> All = [Client, FinalCost, VsCommit, Overage, Buffer];

    /// <summary>Names alphabetically; figures largest first.</summary>
    public static string DefaultDirection(string column) =>
        column == Client ? SortDirections.Ascending : SortDirections.Descending;
}

/// <summary>
/// The Over/Under page's state: the period, the client list's status filter, search, order and page, and the
/// right-size candidates' unit type.
/// </summary>
/// <param name="Period">YYYY-MM; null for the latest finalized period.</param>
/// <param name="Status">One of <see cref="OverUnderStatuses.Filters"/>; null for all clients.</param>
public sealed record OverUnderQuery(
    string? Period = null,
    string? Status = null,
    string? Search = null,
    string Sort = OverUnderSortColumns.Client,
    string Direction = SortDirections.Ascending,
    int Page = 1,
    string? UnitType = null,
    int PageSize = OverUnderQuery.DefaultPageSize) : IPagedQuery<OverUnderQuery>
{
    public const int DefaultPageSize = 25;
    /// <summary>How many right-size candidates the page shows; the export has them all.</summary>
    public const int RightSizeLimit = 10;
    /// <summary>The periods of the trend chart.</summary>
    public const int TrendPeriods = 12;
    public const string Path = "api/projection/over-under";

    public bool IsFiltered => Status is not null || Search is not null;

    public OverUnderQuery WithPage(int page) => this with { Page = page };

    public string ToClientsUri() => ApiQuery.Build($"{Path}/clients", ("period", Period), ("status", Status),
        ("search", Search), ("sort", Sort), ("direction", Direction), ("page", Page), ("pageSize", PageSize));

    public string ToClientsExportUri() => ApiQuery.Build($"{Path}/clients/export", ("period", Period),
        ("status", Status), ("search", Search), ("sort", Sort), ("direction", Direction));

    public string ToSummaryUri() => ApiQuery.Build($"{Path}/summary", ("period", Period));

    public string ToRightSizeUri() => ApiQuery.Build($"{Path}/right-size", ("period", Period), ("unitType", UnitType),
        ("limit", RightSizeLimit));

    public string ToRightSizeExportUri() =>
        ApiQuery.Build($"{Path}/right-size/export", ("period", Period), ("unitType", UnitType));

    public string ToUnitTypesUri() => ApiQuery.Build($"{Path}/unit-types", ("period", Period));

    public string ToUnitTypesExportUri() => ApiQuery.Build($"{Path}/unit-types/export", ("period", Period));

    public static string TrendUri => ApiQuery.Build($"{Path}/trend", ("periods", TrendPeriods));
}

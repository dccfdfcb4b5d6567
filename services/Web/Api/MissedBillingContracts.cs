namespace BillingOne.Web.Api;

// The web UI's view of reconciliation's missed-billing opportunities (issue 17):
//   GET  /api/reconciliation/missed-billing?kind=&state=&clientId=&search=&sort=&direction=&page=&pageSize= -> PagedList<MissedBillingOpportunity>
//   GET  /api/reconciliation/missed-billing/summary?kind=&clientId=&search=                               -> MissedBillingSummary
//   GET  /api/reconciliation/missed-billing/export?kind=&state=&clientId=&search=&sort=&direction=        -> text/csv
//   POST /api/reconciliation/missed-billing/{id}/dismiss { reason } | /bill | /reopen                      -> the opportunity

/// <summary>A gap between what a client has and what it is billed for, with what shows it.</summary>
/// <param name="Kind">One of <see cref="MissedBillingKinds"/>.</param>
/// <param name="BucketName">The metering bucket of an uninvoiced overage.</param>
/// <param name="Period">The billing period ("yyyy-MM") of an uninvoiced overage.</param>
/// <param name="Amount">A month's estimate; null when there is nothing to estimate from (the evidence says why).</param>
/// <param name="State">One of <see cref="MissedBillingStates"/>.</param>
public sealed record MissedBillingOpportunity(
    Guid Id,
    string Kind,
    Guid? ClientId,
    string? ClientName,
    string? BucketName,
    string? Period,
    decimal? Amount,
    string? Currency,
    string Evidence,
    string State,
    string? DismissReason,
    DateTimeOffset? StateChangedAt,
    string? StateChangedBy,
    DateTimeOffset UpdatedAt);

public sealed record MissedBillingTotal(int Count, decimal Amount);

public sealed record MissedBillingKindTotal(string Kind, int Count, decimal Amount);

/// <param name="ByKind">The open opportunities by kind.</param>
public sealed record MissedBillingSummary(
    string? Currency,
    MissedBillingTotal Open,
    MissedBillingTotal Dismissed,
    MissedBillingTotal Billed,
    IReadOnlyList<MissedBillingKindTotal> ByKind);

public sealed record DismissMissedBillingRequest(string Reason)
{
    public const string ReasonField = "reason";
}

public static class MissedBillingKinds
{
    public const string UnderLicensed = "under-licensed";
    public const string UnlicensedDevices = "unlicensed-devices";
    public const string UninvoicedOverage = "uninvoiced-overage";

    public static readonly IReadOnlyList<string> All = [UnderLicensed, UnlicensedDevices, UninvoicedOverage];

    public static string Label(string kind) => kind switch
    {
        UnderLicensed => "Under-licensed",
        UnlicensedDevices => "Unlicensed devices",
        UninvoicedOverage => "Uninvoiced overage",
        _ => kind,
    };
}

public static class MissedBillingStates
{
    public const string Open = "open";
    public const string Dismissed = "dismissed";
    public const string Billed = "billed";

    public static readonly IReadOnlyList<string> All = [Open, Dismissed, Billed];

    public static string Label(string state) => state switch
    {
        Open => "Open",
        Dismissed => "Dismissed",
        Billed => "Billed",
        _ => state,
    };

    public static string BadgeClass(string state) => state switch
    {
        Open => "badge-under-licensed",
        Billed => "badge-matched",
        _ => "badge-neutral",
    };
}

public static class MissedBillingSortColumns
{
    public const string Amount = "amount";
    public const string Client = "client";
    public const string Kind = "kind";
    public const string Updated = "updated";

    public static readonly IReadOnlyList<string> All = [Amount, Client, Kind, Updated];

    /// <summary>Names alphabetically; amounts largest and changes newest first.</summary>
    public static string DefaultDirection(string column) =>
        column is Client or Kind ? SortDirections.Ascending : SortDirections.Descending;
}

/// <summary>Filters, search, sort and paging of <c>GET /api/reconciliation/missed-billing</c>.</summary>
public sealed record MissedBillingQuery(
    string? Kind = null,
    string? State = null,
    Guid? ClientId = null,
    string? Search = null,
    DateOnly? FoundFrom = null,
    DateOnly? FoundTo = null,
    string Sort = MissedBillingSortColumns.Amount,
    string Direction = SortDirections.Descending,
    int Page = 1,
    int PageSize = MissedBillingQuery.DefaultPageSize) : IPagedQuery<MissedBillingQuery>
{
    public const int DefaultPageSize = 25;
    public const string Path = "api/reconciliation/missed-billing";

    public bool IsFiltered => Kind is not null || State is not null || ClientId is not null || Search is not null ||
        FoundFrom is not null || FoundTo is not null;

    public MissedBillingQuery WithPage(int page) => this with { Page = page };

    public string ToRequestUri() => ApiQuery.Build(Path, ("kind", Kind), ("state", State), ("clientId", ClientId),
        ("search", Search), ("from", FoundFrom), ("to", FoundTo), ("sort", Sort), ("direction", Direction), ("page", Page),
        ("pageSize", PageSize));

    /// <summary>The totals of the opportunities the filters match, in every state.</summary>
    public string ToSummaryUri() => ApiQuery.Build($"{Path}/summary", ("kind", Kind), ("clientId", ClientId), ("search", Search),
        ("from", FoundFrom), ("to", FoundTo));

    public string ToExportUri() => ApiQuery.Build($"{Path}/export", ("kind", Kind), ("state", State), ("clientId", ClientId),
        ("search", Search), ("from", FoundFrom), ("to", FoundTo), ("sort", Sort), ("direction", Direction));
}

namespace BillingOne.Web.Api;

// The web UI's view of the subscription service's Pax8 subscriptions:
//   GET /api/subscription/subscriptions?search=&status=&clientId=&sort=&direction=&page=&pageSize= -> PagedList<Subscription>
//   GET /api/subscription/subscriptions/{id}                                                        -> Subscription
//   GET /api/subscription/subscriptions/export?search=&status=&clientId=                            -> text/csv

/// <summary>One Pax8 subscription of a client (or of a Pax8 company not mapped to a client yet).</summary>
/// <param name="Id">The Pax8 subscription id.</param>
/// <param name="ClientId">Null while the subscription's Pax8 company is not mapped to a client.</param>
/// <param name="LicenceUnit">What a licence counts: <c>user</c>, <c>device</c>, or null when Pax8 does not say.</param>
/// <param name="BillingTerm">One of <see cref="BillingTerms"/>.</param>
/// <param name="Status">One of <see cref="SubscriptionStatuses"/>, or another the service knows.</param>
public sealed record Subscription(
    string Id,
    Guid? ClientId,
    string? ClientName,
    string? CompanyId,
    string? CompanyName,
    string? ProductId,
    string ProductName,
    string? VendorName,
    string? Sku,
    string? LicenceUnit,
    decimal Quantity,
    MoneyAmount UnitPrice,
    MoneyAmount Total,
    MoneyAmount MonthlyValue,
    string BillingTerm,
    string Status,
    DateOnly? StartDate,
    DateOnly? EndDate,
    DateTimeOffset UpdatedAt);

public static class SubscriptionStatuses
{
    public const string Active = "active";
    public const string Cancelled = "cancelled";
    public const string Suspended = "suspended";
    public const string Trial = "trial";

    /// <summary>
    /// Every status the service filters by, Pax8's as it writes them (SubscriptionListQuery.Statuses in
    /// services/Subscription/Domain): the filter offers these and nothing else, so the service refuses none.
    /// </summary>
    public static readonly IReadOnlyList<string> All =
    [
        Active, Cancelled, Suspended, Trial, "pending-manual", "pending-automated", "pending-cancel", "waiting-for-details",
        "converted", "pending-activation", "activated",
    ];

    /// <summary>The seed's badges: active, cancelled, suspended and trial; anything else reads neutral.</summary>
    public static string BadgeClass(string status) =>
        status is Active or Cancelled or Suspended or Trial ? $"badge-subscription-{status}" : "badge-neutral";

    public static string Label(string status) =>
        status.Length == 0 ? "—" : char.ToUpperInvariant(status[0]) + status[1..].Replace('-', ' ');
}

/// <summary>How often a subscription is billed (the seed's billing frequency).</summary>
public static class BillingTerms
{
    public static string Label(string term) => term switch
    {
        "monthly" => "Monthly",
        "annual" => "Annual",
        "two-year" => "Two years",
        "three-year" => "Three years",
        "one-time" => "One-time",
        "trial" => "Trial",
        _ => term,
    };

    /// <summary>What a unit price is for, after the price ("AUD 68.40 / year"); nothing for one-time and trial prices.</summary>
    public static string PriceSuffix(string term) => term switch
    {
        "monthly" => " / month",
        "annual" => " / year",
        "two-year" => " / 2 years",
        "three-year" => " / 3 years",
        _ => string.Empty,
    };
}

public static class SubscriptionSortColumns
{
    public const string Client = "client";
    public const string Product = "product";
    public const string Quantity = "quantity";
    public const string Price = "price";
    public const string Status = "status";
    public const string StartDate = "startDate";

    public static readonly IReadOnlyList<string> All = [Client, Product, Quantity, Price, Status, StartDate];

    /// <summary>Names read alphabetically; figures and dates largest or newest first.</summary>
    public static string DefaultDirection(string column) =>
        column is Quantity or Price or StartDate ? SortDirections.Descending : SortDirections.Ascending;
}

/// <summary>Search, filters, sort and paging of <c>GET /api/subscription/subscriptions</c>.</summary>
/// <param name="Search">Matches the client name, the product or the subscription id.</param>
/// <param name="ClientId">The client scope: one client's subscriptions.</param>
public sealed record SubscriptionListQuery(
    string? Search = null,
    string? Status = null,
    Guid? ClientId = null,
    string Sort = SubscriptionSortColumns.Client,
    string Direction = SortDirections.Ascending,
    int Page = 1,
    int PageSize = SubscriptionListQuery.DefaultPageSize) : IPagedQuery<SubscriptionListQuery>
{
    public const int DefaultPageSize = 25;
    public const string Path = "api/subscription/subscriptions";

    public bool IsFiltered => Search is not null || Status is not null || ClientId is not null;

    public SubscriptionListQuery WithPage(int page) => this with { Page = page };

    public string ToRequestUri() => ApiQuery.Build(Path, ("search", Search), ("status", Status), ("clientId", ClientId),
        ("sort", Sort), ("direction", Direction), ("page", Page), ("pageSize", PageSize));

    /// <summary>The service's CSV of every subscription the filters match.</summary>
    public string ToExportUri() => ApiQuery.Build($"{Path}/export", ("search", Search), ("status", Status), ("clientId", ClientId));
}

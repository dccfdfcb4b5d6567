namespace BillingOne.Web.Api;

// The web UI's view of reconciliation's device-versus-licence comparison (issue 17):
//   GET /api/reconciliation/clients?search=&status=&sort=&direction=&page=&pageSize= -> PagedList<ReconciledClient>
//   GET /api/reconciliation/clients/summary?search=                                 -> ReconciliationSummary
//   GET /api/reconciliation/clients/export?search=&status=&sort=&direction=         -> text/csv
//   GET /api/reconciliation/clients/export/products?search=&status=&sort=&direction= -> text/csv, one row per product
//   GET /api/reconciliation/clients/{clientId}                                      -> ReconciledClientDetail
//   GET|PUT /api/reconciliation/snapshot-schedule                                   -> SnapshotSchedule
// A device snapshot is the RMM integration's sync (POST /api/reconciliation/integrations/rmm/sync).

/// <summary>One client's devices against its covering products, product by product (docs/domain.md "Licences: coverage per product").</summary>
/// <param name="Devices">Live devices in the latest snapshot; null when no snapshot covers the client.</param>
/// <param name="Licenses">The quantity of the least-covered per-device product.</param>
/// <param name="Variance">The largest per-product variance (positive = under-licensed); null without devices.</param>
/// <param name="Products">Every covering product with its own figures.</param>
/// <param name="Status">One of <see cref="ClientStatuses"/>.</param>
/// <param name="ClientName">Null until reconciliation has the client's name.</param>
/// <param name="MissedBillingMonthly">The client's open missed billing a month, in <paramref name="Currency"/>.</param>
public sealed record ReconciledClient(
    Guid ClientId,
    string? ClientName,
    int? Devices,
    int Licenses,
    int? Variance,
    string Status,
    DateTimeOffset? SnapshotTakenAt,
    string? Currency,
    decimal? DeviceLicenseUnitPrice,
    decimal? MissedBillingMonthly,
    IReadOnlyList<ProductCoverage>? Products = null);

/// <summary>One covering product of a client against the devices it covers.</summary>
/// <param name="Covers">workstations, servers, devices or users (see <see cref="ProductCoverages"/>).</param>
/// <param name="CoveredDevices">The client's devices of that class; null for a per-user product or without a snapshot.</param>
/// <param name="Variance">Covered devices − quantity (positive = under-licensed); null when nothing is compared.</param>
/// <param name="Status">A <see cref="ClientStatuses"/> value, or not-compared for a per-user product.</param>
public sealed record ProductCoverage(
    Guid ProductId,
    string ProductName,
    string Covers,
    int? CoveredDevices,
    int Quantity,
    int? Variance,
    string Status,
    decimal? MonthlyUnitPrice,
    string? Currency)
{
    /// <summary>Licensed per device (compared with devices), not per user.</summary>
    public bool PerDevice => Covers != ProductCoverages.Users;

    /// <summary>
    /// Approve and adjust can propose its quantity: a catalog product licensed per device whose seats differ from the
    /// devices it covers (a copy from before products existed, id empty, stands for all device licences).
    /// </summary>
    public bool Adjustable => PerDevice && ProductId != Guid.Empty && CoveredDevices is not null && Variance is not (null or 0);
}

/// <summary>What a covering product covers, as the catalog mapping says.</summary>
public static class ProductCoverages
{
    public const string Workstations = "workstations";
    public const string Servers = "servers";
    public const string Devices = "devices";
    public const string Users = "users";

    /// <summary>What a per-device product can cover.</summary>
    public static readonly IReadOnlyList<string> DeviceClasses = [Devices, Workstations, Servers];

    /// <summary>How a page names what a product covers.</summary>
    public static string Label(string? covers) => covers switch
    {
        Workstations => "Workstations",
        Servers => "Servers",
        Devices => "All devices",
        Users => "Users",
        _ => "Nothing (no licence)",
    };
}

/// <summary>How many clients are in each status; <see cref="LatestSnapshotAt"/> is null before the first snapshot.</summary>
public sealed record ReconciliationSummary(int UnderLicensed, int OverLicensed, int Matched, int NoData, DateTimeOffset? LatestSnapshotAt)
{
    public int For(string status) => status switch
    {
        ClientStatuses.UnderLicensed => UnderLicensed,
        ClientStatuses.OverLicensed => OverLicensed,
        ClientStatuses.Matched => Matched,
        _ => NoData,
    };
}

/// <summary>An RMM organization mapped to the client, with its live devices in the latest snapshot.</summary>
public sealed record RmmOrganization(string Vendor, string VendorId, string Name, int Devices);

/// <summary>The client's figures at one snapshot.</summary>
public sealed record ReconciliationHistoryPoint(Guid SnapshotId, DateTimeOffset TakenAt, int? Devices, int Licenses, int? Variance);

/// <param name="History">Newest first.</param>
public sealed record ReconciledClientDetail(
    Guid ClientId,
    string? ClientName,
    int? Devices,
    int Licenses,
    int? Variance,
    string Status,
    DateTimeOffset? SnapshotTakenAt,
    string? Currency,
    decimal? DeviceLicenseUnitPrice,
    decimal? MissedBillingMonthly,
    IReadOnlyList<RmmOrganization> RmmOrganizations,
    IReadOnlyList<ReconciliationHistoryPoint> History,
    IReadOnlyList<ProductCoverage>? Products = null);

/// <summary>When the device snapshot is taken by itself: monthly, on a day (1–28) at an hour (0–23 UTC).</summary>
/// <param name="NextRunAt">The service's answer: the next scheduled snapshot, null while the schedule is off.</param>
public sealed record SnapshotSchedule(bool Enabled, int DayOfMonth, int HourUtc, DateTimeOffset? NextRunAt = null)
{
    public const string Path = "api/reconciliation/snapshot-schedule";
    public const string DayOfMonthField = "dayOfMonth";
    public const string HourUtcField = "hourUtc";
}

/// <summary>The columns the comparison sorts by; equal figures are ordered by client name.</summary>
public static class ReconciliationSortColumns
{
    public const string Client = "client";
    public const string Devices = "devices";
    public const string Licenses = "licenses";
    public const string Variance = "variance";

    public static readonly IReadOnlyList<string> All = [Client, Devices, Licenses, Variance];

    /// <summary>Names alphabetically; figures largest first.</summary>
    public static string DefaultDirection(string column) =>
        column == Client ? SortDirections.Ascending : SortDirections.Descending;
}

/// <summary>Search, status, sort and paging of <c>GET /api/reconciliation/clients</c>.</summary>
/// <param name="Status">A <see cref="ClientStatuses"/> value, or null for every status.</param>
public sealed record ReconciliationQuery(
    string? Search = null,
    string? Status = null,
    string Sort = ReconciliationSortColumns.Variance,
    string Direction = SortDirections.Descending,
    int Page = 1,
    int PageSize = ReconciliationQuery.DefaultPageSize) : IPagedQuery<ReconciliationQuery>
{
    public const int DefaultPageSize = 25;
    public const string Path = "api/reconciliation/clients";

    public bool IsFiltered => Search is not null || Status is not null;

    public ReconciliationQuery WithPage(int page) => this with { Page = page };

    public string ToRequestUri() => ApiQuery.Build(Path, ("search", Search), ("status", Status), ("sort", Sort),
        ("direction", Direction), ("page", Page), ("pageSize", PageSize));

    /// <summary>The counts per status of the clients the search matches.</summary>
    public string ToSummaryUri() => ApiQuery.Build($"{Path}/summary", ("search", Search));

    /// <summary>The service's CSV of every client the filters match, in the list's order.</summary>
    public string ToExportUri() => ApiQuery.Build($"{Path}/export", ("search", Search), ("status", Status), ("sort", Sort),
        ("direction", Direction));

    /// <summary>The per-product export: one row per covering product of every client the filters select.</summary>
    public string ToProductsExportUri() => ApiQuery.Build($"{Path}/export/products", ("search", Search),
        ("status", Status), ("sort", Sort), ("direction", Direction));
}

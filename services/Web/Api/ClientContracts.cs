using Microsoft.AspNetCore.WebUtilities;

namespace BillingOne.Web.Api;

// The web UI's view of the client HTTP contracts, kept in one file so that aligning with the services
// touches one place:
//   GET  /api/projection/clients   (projection service: client billing snapshot read model)
//   GET  /api/subscription/clients?search=&sort=&direction=&page=&pageSize=  (subscription service: owner of clients)
//   GET  /api/subscription/clients/{id}
//   POST /api/subscription/clients
//   POST /api/subscription/clients/{id}/enable|disable

/// <summary>An amount in an ISO 4217 currency; the currency is null while a client has no subscription.</summary>
public sealed record MoneyAmount(decimal Amount, string? Currency);

/// <summary>One row of the client read model.</summary>
/// <param name="Mrr">Monthly recurring revenue from active subscriptions.</param>
/// <param name="Devices">Managed devices in the latest RMM snapshot (meaningless while <see cref="Status"/> is no-data).</param>
/// <param name="Licenses">Device licences: the seats of the client's least-covered per-device product, never a sum of products.</param>
/// <param name="Variance">The largest per-product variance, covered devices − seats (positive = under-licensed); null without a snapshot.</param>
/// <param name="UserLicenses">Seats of per-user products, shown apart: never compared with devices.</param>
/// <param name="Status">One of <see cref="ClientStatuses"/>.</param>
/// <param name="TotalSpend">The client's non-voided invoices added up (as on its detail); null while it has none.</param>
/// <param name="BillingContact">The contact of the client's latest invoice; null while it has none.</param>
public sealed record ClientListItem(
    Guid ClientId,
    string Name,
    bool Enabled,
    MoneyAmount Mrr,
    int Subscriptions,
    int Devices,
    int Licenses,
    int? Variance,
    string Status,
    MoneyAmount? TotalSpend,
    string? BillingContact,
    int UserLicenses = 0)
{
    /// <summary>The device count, or null when no reconciliation snapshot was taken yet.</summary>
    public int? SnapshotDevices => Status == ClientStatuses.NoData ? null : Devices;
}

/// <param name="Name">1–200 characters, unique in the organization ignoring case (the service checks).</param>
public sealed record CreateClientRequest(string Name);

/// <summary>The subscription service's answer to a create (its ClientResponse; the UI needs only the id).</summary>
public sealed record CreatedClient(Guid Id);

/// <summary>A client as the subscription service keeps it (its ClientResponse): a row of the metering console's Clients.</summary>
/// <param name="Enabled">Disabled clients are excluded from billing; their history is kept.</param>
public sealed record ClientRecord(Guid Id, string Name, bool Enabled, DateTimeOffset CreatedAt);

public static class ClientRecordSortColumns
{
    public const string Name = "name";
    public const string CreatedAt = "createdAt";

    /// <summary>Names read alphabetically, creation newest first.</summary>
    public static string DefaultDirection(string column) =>
        column == CreatedAt ? SortDirections.Descending : SortDirections.Ascending;
}

/// <summary>Search, sort and paging of the subscription service's client list.</summary>
/// <param name="Search">Part of the client name, any case.</param>
public sealed record ClientRecordQuery(
    string? Search = null,
    string Sort = ClientRecordSortColumns.Name,
    string Direction = SortDirections.Ascending,
    int Page = 1,
    int PageSize = ClientRecordQuery.DefaultPageSize) : IListQuery<ClientRecordQuery>
{
    public const int DefaultPageSize = 25;

    public static string DefaultDirection(string column) => ClientRecordSortColumns.DefaultDirection(column);

    public ClientRecordQuery WithPage(int page) => this with { Page = page };

    public ClientRecordQuery WithSearch(string? search) => this with { Search = search };

    public ClientRecordQuery WithOrder(string sort, string direction) => this with { Sort = sort, Direction = direction };

    public string ToRequestUri() => ApiQuery.Build(GatewayClient.CreateClientPath,
        ("search", Search), ("sort", Sort), ("direction", Direction), ("page", Page), ("pageSize", PageSize));
}

/// <summary>Reconciliation status values as the read model spells them.</summary>
public static class ClientStatuses
{
    public const string Matched = "matched";
    public const string UnderLicensed = "under-licensed";
    public const string OverLicensed = "over-licensed";
    public const string NoData = "no-data";

    public static readonly IReadOnlyList<string> All = [Matched, UnderLicensed, OverLicensed, NoData];

    public static bool IsKnown(string? status) => status is not null && All.Contains(status);
}

/// <summary>
/// Columns the read model can sort by; equal figures are ordered by name. Clients without a variance or a total
/// spend come last either way, and total spend is ordered by currency first, then by amount within it.
/// </summary>
public static class ClientSortColumns
{
    public const string Name = "name";
    public const string Mrr = "mrr";
    public const string TotalSpend = "totalSpend";
    public const string Subscriptions = "subscriptions";
    public const string Devices = "devices";
    public const string Licenses = "licenses";
    public const string Variance = "variance";

    public static readonly IReadOnlyList<string> All = [Name, Mrr, TotalSpend, Subscriptions, Devices, Licenses, Variance];

    public static bool IsKnown(string? column) => column is not null && All.Contains(column);
}

public static class SortDirections
{
    public const string Ascending = "asc";
    public const string Descending = "desc";

    public static bool IsKnown(string? direction) => direction is Ascending or Descending;

    /// <summary>The direction after a click on <paramref name="column"/>'s header: its own default when the list was
    /// sorted by another column, the reverse of <paramref name="direction"/> when it was sorted by this one.</summary>
    public static string Next(string column, string sort, string direction, string columnDefault) =>
        column != sort ? columnDefault : direction == Ascending ? Descending : Ascending;
}

/// <summary>Search, filter, sort and paging of <c>GET /api/projection/clients</c> (pageSize 1–200).</summary>
/// <param name="Status">A <see cref="ClientStatuses"/> value, or null for every status.</param>
public sealed record ClientListQuery(
    string? Search = null,
    string? Status = null,
    string Sort = ClientSortColumns.Mrr,
    string Direction = SortDirections.Descending,
    int Page = 1,
    int PageSize = ClientListQuery.DefaultPageSize) : IPagedQuery<ClientListQuery>
{
    public const int DefaultPageSize = 25;
    public const string Path = "api/projection/clients";

    public ClientListQuery WithPage(int page) => this with { Page = page };

    /// <summary>The relative request URI; blank search and "all statuses" are left out.</summary>
    public string ToRequestUri()
    {
        var parameters = new List<KeyValuePair<string, string?>>();
        if (!string.IsNullOrWhiteSpace(Search))
        {
            parameters.Add(new("search", Search.Trim()));
        }

        if (Status is not null)
        {
            parameters.Add(new("status", Status));
        }

        parameters.Add(new("sort", Sort));
        parameters.Add(new("direction", Direction));
        parameters.Add(new("page", Page.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        parameters.Add(new("pageSize", PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return QueryHelpers.AddQueryString(Path, parameters);
    }
}

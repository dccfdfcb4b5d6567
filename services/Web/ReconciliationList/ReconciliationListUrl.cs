using BillingOne.Web.Api;
using Microsoft.AspNetCore.WebUtilities;

namespace BillingOne.Web.ReconciliationList;

/// <summary>
/// The Reconciliation list's state lives in its URL (<c>reconciliation?status=under-licensed</c>) so a summary card's
/// filter can be linked to and survives a reload. Values the UI does not know fall back to the defaults.
/// </summary>
public static class ReconciliationListUrl
{
    public const string Page = "reconciliation";
    public const string SyncToolsPage = "reconciliation/sync-tools";
    public const string SearchParameter = "search";
    public const string StatusParameter = "status";
    public const string SortParameter = "sort";
    public const string DirectionParameter = "direction";
    public const string PageParameter = "page";

    public static ReconciliationQuery Parse(string? search, string? status, string? sort, string? direction, int? page)
    {
        var column = sort is not null && ReconciliationSortColumns.All.Contains(sort) ? sort : ReconciliationSortColumns.Variance;
        return new ReconciliationQuery(
            Search: string.IsNullOrWhiteSpace(search) ? null : search.Trim(),
            Status: ClientStatuses.IsKnown(status) ? status : null,
            Sort: column,
            Direction: SortDirections.IsKnown(direction) ? direction! : ReconciliationSortColumns.DefaultDirection(column),
            Page: page is > 0 ? page.Value : 1);
    }

    /// <summary>Query parameters of the page URL; defaults are removed (null) to keep links short.</summary>
    public static IReadOnlyDictionary<string, object?> PageParameters(ReconciliationQuery query)
    {
        var directionIsDefault = query.Direction == ReconciliationSortColumns.DefaultDirection(query.Sort);
        return new Dictionary<string, object?>
        {
            [SearchParameter] = query.Search,
            [StatusParameter] = query.Status,
            [SortParameter] = query.Sort == ReconciliationSortColumns.Variance && directionIsDefault ? null : query.Sort,
            [DirectionParameter] = directionIsDefault ? null : query.Direction,
            [PageParameter] = query.Page > 1 ? query.Page : null,
        };
    }

    /// <summary>Relative link to the clients in one status (what a summary card shows).</summary>
    public static string WithStatus(string status) => QueryHelpers.AddQueryString(Page, StatusParameter, status);

    /// <summary>Relative link to one client's comparison, organizations and snapshot history.</summary>
    public static string ClientHref(Guid clientId) => $"{Page}/{clientId}";

    /// <summary>Relative link to the CSV of exactly the clients the filters match, in the list's order.</summary>
    public static string ExportHref(ReconciliationQuery query) => Export(ReconciliationExportEndpoint.RelativePath, query);

    /// <summary>Relative link to the per-product CSV of the same clients: one row per covering product.</summary>
    public static string ProductsExportHref(ReconciliationQuery query) =>
        Export(ReconciliationExportEndpoint.ProductsRelativePath, query);

    private static string Export(string path, ReconciliationQuery query) =>
        QueryHelpers.AddQueryString(path,
            new[]
            {
                new KeyValuePair<string, string?>(SearchParameter, query.Search),
                new KeyValuePair<string, string?>(StatusParameter, query.Status),
                new KeyValuePair<string, string?>(SortParameter, query.Sort),
                new KeyValuePair<string, string?>(DirectionParameter, query.Direction),
            }.Where(parameter => parameter.Value is not null));
}

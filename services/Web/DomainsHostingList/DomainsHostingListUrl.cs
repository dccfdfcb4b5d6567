using BillingOne.Web.Api;
using Microsoft.AspNetCore.WebUtilities;

namespace BillingOne.Web.DomainsHostingList;

/// <summary>
/// The Domains &amp; Hosting page's state lives in its URL (<c>domains-hosting?tab=ssl&amp;expiring=true</c>) so a
/// tab and its filters can be linked to and survive a reload. Values the UI does not know fall back to the defaults.
/// </summary>
public static class DomainsHostingListUrl
{
    public const string Page = "domains-hosting";
    public const string TabParameter = "tab";
    public const string SearchParameter = "search";
    public const string ExpiringParameter = "expiring";
    public const string ClientParameter = "clientId";
    public const string SortParameter = "sort";
    public const string DirectionParameter = "direction";
    public const string PageParameter = "page";

    public static DomainsHostingQuery Parse(string? tab, string? search, bool? expiring, Guid? clientId, string? sort,
        string? direction, int? page)
    {
        var knownTab = tab is not null && DomainsHostingTabs.All.Contains(tab) ? tab : DomainsHostingTabs.Domains;
        var column = sort is not null && DomainsHostingSortColumns.For(knownTab).Contains(sort) ? sort : DomainsHostingSortColumns.Name;
        return new DomainsHostingQuery(
            Tab: knownTab,
            Search: string.IsNullOrWhiteSpace(search) ? null : search.Trim(),
            ExpiringSoon: expiring == true,
            ClientId: clientId,
            Sort: column,
            Direction: SortDirections.IsKnown(direction) ? direction! : DomainsHostingSortColumns.DefaultDirection(column),
            Page: page is > 0 ? page.Value : 1);
    }

    /// <summary>Query parameters of the page URL; defaults are removed (null) to keep links short.</summary>
    public static IReadOnlyDictionary<string, object?> PageParameters(DomainsHostingQuery query)
    {
        var directionIsDefault = query.Direction == DomainsHostingSortColumns.DefaultDirection(query.Sort);
        return new Dictionary<string, object?>
        {
            [TabParameter] = query.Tab == DomainsHostingTabs.Domains ? null : query.Tab,
            [SearchParameter] = query.Search,
            [ExpiringParameter] = query.ExpiringSoon ? true : null,
            [ClientParameter] = query.ClientId,
            [SortParameter] = query.Sort == DomainsHostingSortColumns.Name && directionIsDefault ? null : query.Sort,
            [DirectionParameter] = directionIsDefault ? null : query.Direction,
            [PageParameter] = query.Page > 1 ? query.Page : null,
        };
    }

    /// <summary>Relative link to a tab, its filters cleared.</summary>
    public static string TabHref(string tab) =>
        tab == DomainsHostingTabs.Domains ? Page : QueryHelpers.AddQueryString(Page, TabParameter, tab);

    /// <summary>Relative link to the CSV of every row of the tab the filters match.</summary>
    public static string ExportHref(DomainsHostingQuery query) =>
        QueryHelpers.AddQueryString(DomainsHostingExportEndpoint.RelativePath,
            new[]
            {
                new KeyValuePair<string, string?>(TabParameter, query.Tab),
                new KeyValuePair<string, string?>(SearchParameter, query.Search),
                new KeyValuePair<string, string?>(ExpiringParameter, query.ExpiringSoon ? "true" : null),
                new KeyValuePair<string, string?>(ClientParameter, query.ClientId?.ToString()),
                new KeyValuePair<string, string?>(SortParameter, query.Sort),
                new KeyValuePair<string, string?>(DirectionParameter, query.Direction),
            }.Where(parameter => parameter.Value is not null));
}

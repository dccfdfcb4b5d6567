using System.Globalization;
using BillingOne.Web.Api;
using Microsoft.AspNetCore.WebUtilities;

namespace BillingOne.Web.ClientList;

/// <summary>
/// The Clients list's state lives in its URL (<c>clients?status=under-licensed&amp;sort=name</c>) so a filtered view
/// can be linked to (the dashboard's Under-licensed card does) and survives a reload. Values the UI does not
/// know fall back to the defaults instead of reaching the API.
/// </summary>
public static class ClientListUrl
{
    public const string Page = "clients";
    public const string SearchParameter = "search";
    public const string StatusParameter = "status";
    public const string SortParameter = "sort";
    public const string DirectionParameter = "direction";
    public const string PageParameter = "page";

    public static ClientListQuery Parse(string? search, string? status, string? sort, string? direction, int? page)
    {
        var column = ClientSortColumns.IsKnown(sort) ? sort! : ClientSortColumns.Mrr;
        return new ClientListQuery(
            Search: string.IsNullOrWhiteSpace(search) ? null : search.Trim(),
            Status: ClientStatusLabels.IsFilter(status) ? status : null,
            Sort: column,
            Direction: SortDirections.IsKnown(direction) ? direction! : DefaultDirection(column),
            Page: page is > 0 ? page.Value : 1);
    }

    /// <summary>Figures read best largest first, names alphabetically (the read model's defaults too).</summary>
    public static string DefaultDirection(string column) =>
        column == ClientSortColumns.Name ? SortDirections.Ascending : SortDirections.Descending;

    /// <summary>Query parameters of the page URL; defaults are removed (null) to keep links short.</summary>
    public static IReadOnlyDictionary<string, object?> PageParameters(ClientListQuery query)
    {
        var defaultQuery = new ClientListQuery();
        var directionIsDefault = query.Direction == DefaultDirection(query.Sort);
        return new Dictionary<string, object?>
        {
            [SearchParameter] = query.Search,
            [StatusParameter] = query.Status,
            [SortParameter] = query.Sort == defaultQuery.Sort && directionIsDefault ? null : query.Sort,
            [DirectionParameter] = directionIsDefault ? null : query.Direction,
            [PageParameter] = query.Page > 1 ? query.Page : null,
        };
    }

    /// <summary>Relative link to the CSV of every client matching the filter (all pages, same order).</summary>
    public static string ExportHref(ClientListQuery query)
    {
        var parameters = PageParameters(query)
            .Where(parameter => parameter.Key != PageParameter && parameter.Value is not null)
            .Select(parameter => new KeyValuePair<string, string?>(
                parameter.Key, Convert.ToString(parameter.Value, CultureInfo.InvariantCulture)));
        return QueryHelpers.AddQueryString(ClientExportEndpoint.RelativePath, parameters);
    }
}

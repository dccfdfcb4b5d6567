using BillingOne.Web.Api;
using Microsoft.AspNetCore.WebUtilities;

namespace BillingOne.Web.OverUnderList;

/// <summary>
/// The Over/Under page's state lives in its URL (<c>metering/over-under?period=2026-11&amp;status=mixed</c>) so a view
/// can be linked to and survives a reload. Values the UI does not know fall back to the defaults; the period is
/// passed on as typed, for the service to validate.
/// </summary>
public static class OverUnderListUrl
{
    public const string Page = "metering/over-under";
    public const string PeriodParameter = "period";
    public const string StatusParameter = "status";
    public const string SearchParameter = "search";
    public const string SortParameter = "sort";
    public const string DirectionParameter = "direction";
    public const string PageParameter = "page";
    public const string UnitTypeParameter = "unitType";

    public static OverUnderQuery Parse(string? period, string? status, string? search, string? sort, string? direction,
        int? page, string? unitType)
    {
        var column = sort is not null && OverUnderSortColumns.All.Contains(sort) ? sort : OverUnderSortColumns.Client;
        return new OverUnderQuery(
            Period: OrNull(period),
            Status: status is not null && OverUnderStatuses.Filters.Contains(status) ? status : null,
            Search: OrNull(search),
            Sort: column,
            Direction: SortDirections.IsKnown(direction) ? direction! : OverUnderSortColumns.DefaultDirection(column),
            Page: page is > 0 ? page.Value : 1,
            UnitType: OrNull(unitType));
    }

    /// <summary>Query parameters of the page URL; defaults are removed (null) to keep links short.</summary>
    public static IReadOnlyDictionary<string, object?> PageParameters(OverUnderQuery query)
    {
        var directionIsDefault = query.Direction == OverUnderSortColumns.DefaultDirection(query.Sort);
        return new Dictionary<string, object?>
        {
            [PeriodParameter] = query.Period,
            [StatusParameter] = query.Status,
            [SearchParameter] = query.Search,
            [SortParameter] = query.Sort == OverUnderSortColumns.Client && directionIsDefault ? null : query.Sort,
            [DirectionParameter] = directionIsDefault ? null : query.Direction,
            [PageParameter] = query.Page > 1 ? query.Page : null,
            [UnitTypeParameter] = query.UnitType,
        };
    }

    /// <summary>Relative link to the CSV of every client the filters match, in the list's order.</summary>
    public static string ClientsExportHref(OverUnderQuery query) => Link(OverUnderExportEndpoint.ClientsPath,
        (PeriodParameter, query.Period), (StatusParameter, query.Status), (SearchParameter, query.Search),
        (SortParameter, query.Sort), (DirectionParameter, query.Direction));

    /// <summary>Relative link to the CSV of every right-size candidate (the page shows the top ones).</summary>
    public static string RightSizeExportHref(OverUnderQuery query) => Link(OverUnderExportEndpoint.RightSizePath,
        (PeriodParameter, query.Period), (UnitTypeParameter, query.UnitType));

    public static string UnitTypesExportHref(OverUnderQuery query) =>
        Link(OverUnderExportEndpoint.UnitTypesPath, (PeriodParameter, query.Period));

    private static string Link(string path, params (string Name, string? Value)[] parameters) =>
        QueryHelpers.AddQueryString(path, parameters
            .Where(parameter => parameter.Value is not null)
            .Select(parameter => new KeyValuePair<string, string?>(parameter.Name, parameter.Value)));

    private static string? OrNull(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

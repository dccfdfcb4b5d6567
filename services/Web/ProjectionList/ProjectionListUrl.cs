using BillingOne.Web.Api;
using Microsoft.AspNetCore.WebUtilities;

namespace BillingOne.Web.ProjectionList;

/// <summary>
/// The Projections list's state lives in its URL (<c>metering/projections?status=over-commit</c>) so a view can be
/// linked to and survives a reload. Values the UI does not know fall back to the defaults.
/// </summary>
public static class ProjectionListUrl
{
    public const string Page = "metering/projections";
    public const string StatusParameter = "status";
    public const string SearchParameter = "search";
    public const string SortParameter = "sort";
    public const string DirectionParameter = "direction";
    public const string PageParameter = "page";

    public static UsageProjectionQuery Parse(string? status, string? search, string? sort, string? direction, int? page)
    {
        var column = sort is not null && UsageProjectionSortColumns.All.Contains(sort) ? sort : UsageProjectionSortColumns.ProjectedCost;
        return new UsageProjectionQuery(
            Status: status is not null && UsageProjectionStatuses.All.Contains(status) ? status : null,
            Search: string.IsNullOrWhiteSpace(search) ? null : search.Trim(),
            Sort: column,
            Direction: SortDirections.IsKnown(direction) ? direction! : UsageProjectionSortColumns.DefaultDirection(column),
            Page: page is > 0 ? page.Value : 1);
    }

    /// <summary>Query parameters of the page URL; defaults are removed (null) to keep links short.</summary>
    public static IReadOnlyDictionary<string, object?> PageParameters(UsageProjectionQuery query)
    {
        var directionIsDefault = query.Direction == UsageProjectionSortColumns.DefaultDirection(query.Sort);
        return new Dictionary<string, object?>
        {
            [StatusParameter] = query.Status,
            [SearchParameter] = query.Search,
            [SortParameter] = query.Sort == UsageProjectionSortColumns.ProjectedCost && directionIsDefault ? null : query.Sort,
            [DirectionParameter] = directionIsDefault ? null : query.Direction,
            [PageParameter] = query.Page > 1 ? query.Page : null,
        };
    }

    /// <summary>Relative link to the CSV of every projection the filters match, in the list's order.</summary>
    public static string ExportHref(UsageProjectionQuery query) =>
        QueryHelpers.AddQueryString(ProjectionExportEndpoint.RelativePath,
            new[]
            {
                new KeyValuePair<string, string?>(StatusParameter, query.Status),
                new KeyValuePair<string, string?>(SearchParameter, query.Search),
                new KeyValuePair<string, string?>(SortParameter, query.Sort),
                new KeyValuePair<string, string?>(DirectionParameter, query.Direction),
            }.Where(parameter => parameter.Value is not null));
}

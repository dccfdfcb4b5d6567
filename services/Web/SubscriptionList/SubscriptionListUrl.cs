using System.Globalization;
using BillingOne.Web.Api;
using Microsoft.AspNetCore.WebUtilities;

namespace BillingOne.Web.SubscriptionList;

/// <summary>
/// The Subscriptions list's state lives in its URL (<c>subscriptions?status=trial&amp;clientId=…</c>) so a client's
/// subscriptions can be linked to and survive a reload. Values the UI does not know fall back to the defaults.
/// </summary>
public static class SubscriptionListUrl
{
    public const string Page = "subscriptions";
    public const string SearchParameter = "search";
    public const string StatusParameter = "status";
    public const string ClientParameter = "clientId";
    public const string SortParameter = "sort";
    public const string DirectionParameter = "direction";
    public const string PageParameter = "page";

    public static SubscriptionListQuery Parse(
        string? search, string? status, Guid? clientId, string? sort, string? direction, int? page)
    {
        var column = sort is not null && SubscriptionSortColumns.All.Contains(sort) ? sort : SubscriptionSortColumns.Client;
        return new SubscriptionListQuery(
            Search: string.IsNullOrWhiteSpace(search) ? null : search.Trim(),
            Status: status is not null && SubscriptionStatuses.All.Contains(status) ? status : null,
            ClientId: clientId,
            Sort: column,
            Direction: SortDirections.IsKnown(direction) ? direction! : SubscriptionSortColumns.DefaultDirection(column),
            Page: page is > 0 ? page.Value : 1);
    }

    /// <summary>Query parameters of the page URL; defaults are removed (null) to keep links short.</summary>
    public static IReadOnlyDictionary<string, object?> PageParameters(SubscriptionListQuery query)
    {
        var directionIsDefault = query.Direction == SubscriptionSortColumns.DefaultDirection(query.Sort);
        return new Dictionary<string, object?>
        {
            [SearchParameter] = query.Search,
            [StatusParameter] = query.Status,
            [ClientParameter] = query.ClientId,
            [SortParameter] = query.Sort == SubscriptionSortColumns.Client && directionIsDefault ? null : query.Sort,
            [DirectionParameter] = directionIsDefault ? null : query.Direction,
            [PageParameter] = query.Page > 1 ? query.Page : null,
        };
    }

    /// <summary>Relative link to one client's subscriptions (the client scope).</summary>
    public static string ScopedTo(Guid clientId) =>
        QueryHelpers.AddQueryString(Page, ClientParameter, clientId.ToString());

    /// <summary>Relative link to the CSV of every subscription the filters match.</summary>
    public static string ExportHref(SubscriptionListQuery query) =>
        QueryHelpers.AddQueryString(SubscriptionExportEndpoint.RelativePath,
            new[]
            {
                new KeyValuePair<string, string?>(SearchParameter, query.Search),
                new KeyValuePair<string, string?>(StatusParameter, query.Status),
                new KeyValuePair<string, string?>(ClientParameter, query.ClientId?.ToString()),
            }.Where(parameter => parameter.Value is not null));
}

using BillingOne.Web.Api;
using BillingOne.Web.Components.Shared;
using BillingOne.Web.Formatting;
using Microsoft.AspNetCore.WebUtilities;

namespace BillingOne.Web.MissedBillingList;

/// <summary>
/// The Missed billing list's state lives in its URL (<c>missed-billing?state=open&amp;clientId=…</c>) so a client's
/// opportunities can be linked to (a client's quick link) and survive a reload. Values the UI does not know fall back
/// to the defaults.
/// </summary>
public static class MissedBillingListUrl
{
    public const string Page = "missed-billing";
    public const string KindParameter = "kind";
    public const string StateParameter = "state";
    public const string ClientParameter = "clientId";
    public const string SearchParameter = "search";
    public const string FromParameter = DateRangeFilter.FromParameter;
    public const string ToParameter = DateRangeFilter.ToParameter;
    public const string SortParameter = "sort";
    public const string DirectionParameter = "direction";
    public const string PageParameter = "page";

    public static MissedBillingQuery Parse(
        string? kind, string? state, Guid? clientId, string? search, string? from, string? to, string? sort, string? direction,
        int? page)
    {
        var column = sort is not null && MissedBillingSortColumns.All.Contains(sort) ? sort : MissedBillingSortColumns.Amount;
        return new MissedBillingQuery(
            Kind: kind is not null && MissedBillingKinds.All.Contains(kind) ? kind : null,
            State: state is not null && MissedBillingStates.All.Contains(state) ? state : null,
            ClientId: clientId,
            Search: string.IsNullOrWhiteSpace(search) ? null : search.Trim(),
            FoundFrom: DayText.Read(from),
            FoundTo: DayText.Read(to),
            Sort: column,
            Direction: SortDirections.IsKnown(direction) ? direction! : MissedBillingSortColumns.DefaultDirection(column),
            Page: page is > 0 ? page.Value : 1);
    }

    /// <summary>Query parameters of the page URL; defaults are removed (null) to keep links short.</summary>
    public static IReadOnlyDictionary<string, object?> PageParameters(MissedBillingQuery query)
    {
        var directionIsDefault = query.Direction == MissedBillingSortColumns.DefaultDirection(query.Sort);
        return new Dictionary<string, object?>
        {
            [KindParameter] = query.Kind,
            [StateParameter] = query.State,
            [ClientParameter] = query.ClientId,
            [SearchParameter] = query.Search,
            [FromParameter] = DayText.Write(query.FoundFrom),
            [ToParameter] = DayText.Write(query.FoundTo),
            [SortParameter] = query.Sort == MissedBillingSortColumns.Amount && directionIsDefault ? null : query.Sort,
            [DirectionParameter] = directionIsDefault ? null : query.Direction,
            [PageParameter] = query.Page > 1 ? query.Page : null,
        };
    }

    /// <summary>Relative link to one client's opportunities (a client's quick link).</summary>
    public static string ScopedTo(Guid clientId) => QueryHelpers.AddQueryString(Page, ClientParameter, clientId.ToString());

    /// <summary>Relative link to the CSV of every opportunity the filters match, in the list's order.</summary>
    public static string ExportHref(MissedBillingQuery query) =>
        QueryHelpers.AddQueryString(MissedBillingExportEndpoint.RelativePath,
            new[]
            {
                new KeyValuePair<string, string?>(KindParameter, query.Kind),
                new KeyValuePair<string, string?>(StateParameter, query.State),
                new KeyValuePair<string, string?>(ClientParameter, query.ClientId?.ToString()),
                new KeyValuePair<string, string?>(SearchParameter, query.Search),
                new KeyValuePair<string, string?>(FromParameter, DayText.Write(query.FoundFrom)),
                new KeyValuePair<string, string?>(ToParameter, DayText.Write(query.FoundTo)),
                new KeyValuePair<string, string?>(SortParameter, query.Sort),
                new KeyValuePair<string, string?>(DirectionParameter, query.Direction),
            }.Where(parameter => parameter.Value is not null));
}

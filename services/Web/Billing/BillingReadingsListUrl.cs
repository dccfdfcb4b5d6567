using BillingOne.Web.Api;
using BillingOne.Web.Components.Shared;
using BillingOne.Web.Formatting;

namespace BillingOne.Web.Billing;

/// <summary>
/// The Billing Readings list's state lives in its URL (<c>metering/billing-readings?period=2025-01&amp;search=con</c>)
/// so a reload or a shared link shows the same period, search, page and months. Without a period it shows the most
/// recently loaded one; values the UI does not know fall back to the defaults.
/// </summary>
public static class BillingReadingsListUrl
{
    public const string Page = "metering/billing-readings";
    public const string PeriodParameter = "period";
    public const string SearchParameter = "search";
    public const string FromParameter = DateRangeFilter.FromParameter;
    public const string ToParameter = DateRangeFilter.ToParameter;
    public const string PageParameter = "page";

    public static PeriodClientsQuery Parse(string? period, string? search, string? from, string? to, int? page) => new(
        Period: period?.Trim() ?? string.Empty,
        Search: string.IsNullOrWhiteSpace(search) ? null : search.Trim(),
        Page: page is > 0 ? page.Value : 1,
        MonthsFrom: DayText.Read(from),
        MonthsTo: DayText.Read(to));

    /// <summary>Query parameters of the page URL; defaults (the newest period, page 1) are removed to keep links short.</summary>
    public static IReadOnlyDictionary<string, object?> PageParameters(PeriodClientsQuery query, string? newestPeriod) =>
        new Dictionary<string, object?>
        {
            [PeriodParameter] = query.Period.Length == 0 || query.Period == newestPeriod ? null : query.Period,
            [SearchParameter] = query.Search,
            [FromParameter] = DayText.Write(query.MonthsFrom),
            [ToParameter] = DayText.Write(query.MonthsTo),
            [PageParameter] = query.Page > 1 ? query.Page : null,
        };
}

using BillingOne.Web.Api;
using Microsoft.AspNetCore.WebUtilities;

namespace BillingOne.Web.ClientMappings;

/// <summary>
/// The Client mappings page's tab, filter, search and page live in its URL (<c>clients/mappings?vendor=rmm&amp;state=unmapped</c>)
/// so a review can be linked to and survives a reload. Values the UI does not know fall back to the defaults.
/// </summary>
public static class MappingListUrl
{
    public const string Page = "clients/mappings";
    public const string VendorParameter = "vendor";
    public const string StateParameter = "state";
    public const string SearchParameter = "search";
    public const string PageParameter = "page";

    public static MappingListQuery Parse(string? vendor, string? state, string? search, int? page) => new(
        Vendor: vendor is not null && MappingVendors.All.Contains(vendor) ? vendor : MappingVendors.Pax8,
        State: state is not null && MappingStates.All.Contains(state) ? state : null,
        Search: string.IsNullOrWhiteSpace(search) ? null : search.Trim(),
        Page: page is > 0 ? page.Value : 1);

    /// <summary>Query parameters of the page URL; defaults are removed (null) to keep links short.</summary>
    public static IReadOnlyDictionary<string, object?> PageParameters(MappingListQuery query) => new Dictionary<string, object?>
    {
        [VendorParameter] = query.Vendor == MappingVendors.Pax8 ? null : query.Vendor,
        [StateParameter] = query.State,
        [SearchParameter] = query.Search,
        [PageParameter] = query.Page > 1 ? query.Page : null,
    };

    /// <summary>Relative link to a vendor's tab, from its first page, with no filter.</summary>
    public static string TabHref(string vendor) =>
        vendor == MappingVendors.Pax8 ? Page : QueryHelpers.AddQueryString(Page, VendorParameter, vendor);

    /// <summary>Relative link to the CSV of every record of the tab matching the filter and search.</summary>
    public static string ExportHref(MappingListQuery query) =>
        QueryHelpers.AddQueryString(MappingExportEndpoint.RelativePath,
            new[]
            {
                new KeyValuePair<string, string?>(VendorParameter, query.Vendor),
                new KeyValuePair<string, string?>(StateParameter, query.State),
                new KeyValuePair<string, string?>(SearchParameter, query.Search),
            }.Where(parameter => parameter.Value is not null));
}

using BillingOne.Web.Api;
using BillingOne.Web.ClientMappings;
using BillingOne.Web.Components.Shared;
using BillingOne.Web.Formatting;
using Microsoft.AspNetCore.WebUtilities;

namespace BillingOne.Web.InvoiceList;

/// <summary>
/// The Invoices list's state lives in its URL (<c>invoices?status=overdue&amp;source=xero</c>) so a filtered list can be
/// linked to (the dashboard's pending invoices) and survives a reload. Values the UI does not know fall back to the
/// defaults.
/// </summary>
public static class InvoiceListUrl
{
    public const string Page = "invoices";
    public const string SearchParameter = "search";
    public const string StatusParameter = "status";
    public const string SourceParameter = "source";
    public const string ClientParameter = "clientId";
    public const string UnmappedParameter = "unmapped";
    public const string FromParameter = DateRangeFilter.FromParameter;
    public const string ToParameter = DateRangeFilter.ToParameter;
    public const string SortParameter = "sort";
    public const string DirectionParameter = "direction";
    public const string PageParameter = "page";

    public static InvoiceListQuery Parse(
        string? search, string? status, string? source, Guid? clientId, string? unmapped, string? from, string? to,
        string? sort, string? direction, int? page)
    {
        var column = sort is not null && InvoiceSortColumns.All.Contains(sort) ? sort : InvoiceSortColumns.IssuedOn;
        return new InvoiceListQuery(
            Search: string.IsNullOrWhiteSpace(search) ? null : search.Trim(),
            Status: status is not null && InvoiceStatuses.All.Contains(status) ? status : null,
            Source: source is not null && InvoiceSources.All.Contains(source) ? source : null,
            ClientId: clientId,
            UnmappedOnly: bool.TryParse(unmapped, out var unmappedOnly) && unmappedOnly,
            IssuedFrom: DayText.Read(from),
            IssuedTo: DayText.Read(to),
            Sort: column,
            Direction: SortDirections.IsKnown(direction) ? direction! : InvoiceSortColumns.DefaultDirection(column),
            Page: page is > 0 ? page.Value : 1);
    }

    /// <summary>Query parameters of the page URL; defaults are removed (null) to keep links short.</summary>
    public static IReadOnlyDictionary<string, object?> PageParameters(InvoiceListQuery query)
    {
        var directionIsDefault = query.Direction == InvoiceSortColumns.DefaultDirection(query.Sort);
        return new Dictionary<string, object?>
        {
            [SearchParameter] = query.Search,
            [StatusParameter] = query.Status,
            [SourceParameter] = query.Source,
            [ClientParameter] = query.ClientId,
            [UnmappedParameter] = query.UnmappedOnly ? "true" : null,
            [FromParameter] = DayText.Write(query.IssuedFrom),
            [ToParameter] = DayText.Write(query.IssuedTo),
            [SortParameter] = query.Sort == InvoiceSortColumns.IssuedOn && directionIsDefault ? null : query.Sort,
            [DirectionParameter] = directionIsDefault ? null : query.Direction,
            [PageParameter] = query.Page > 1 ? query.Page : null,
        };
    }

    /// <summary>Relative link to the invoices in one status.</summary>
    public static string WithStatus(string status) => QueryHelpers.AddQueryString(Page, StatusParameter, status);

    /// <summary>Relative link to the CSV of every invoice the filters match.</summary>
    public static string ExportHref(InvoiceListQuery query) =>
        QueryHelpers.AddQueryString(InvoiceExportEndpoint.RelativePath,
            new[]
            {
                new KeyValuePair<string, string?>(SearchParameter, query.Search),
                new KeyValuePair<string, string?>(StatusParameter, query.Status),
                new KeyValuePair<string, string?>(SourceParameter, query.Source),
                new KeyValuePair<string, string?>(ClientParameter, query.ClientId?.ToString()),
                new KeyValuePair<string, string?>(UnmappedParameter, query.UnmappedOnly ? "true" : null),
                new KeyValuePair<string, string?>(FromParameter, DayText.Write(query.IssuedFrom)),
                new KeyValuePair<string, string?>(ToParameter, DayText.Write(query.IssuedTo)),
            }.Where(parameter => parameter.Value is not null));

    /// <summary>
    /// Where an unmapped invoice's contact is mapped to a client: the Client mappings tab of the invoice's vendor,
    /// searched for the contact.
    /// </summary>
    public static string FixMappingHref(Invoice invoice) =>
        QueryHelpers.AddQueryString(MappingListUrl.Page,
            new[]
            {
                new KeyValuePair<string, string?>(MappingListUrl.VendorParameter, invoice.Source),
                new KeyValuePair<string, string?>(MappingListUrl.SearchParameter, invoice.ContactName),
            }.Where(parameter => !string.IsNullOrWhiteSpace(parameter.Value)));
}

using BillingOne.Web.Api;
using BillingOne.Web.Components.Shared;
using BillingOne.Web.InvoiceList;
using Microsoft.AspNetCore.Components;

namespace BillingOne.Web.Components.Pages;

/// <summary>
/// The Invoices screen (seed 002): invoices from Xero and SuperOps with their client, amounts, dates and status,
/// searched by number, client or amount, filtered by status, source, unmapped contact, issue date and client scope, sorted and
/// paged (all kept in the URL), with CSV export, a detail panel per invoice, links into Xero and the two syncs.
/// </summary>
public sealed partial class Invoices : AddressedListComponentBase<Invoice, InvoiceListQuery>
{
    private const int Columns = 10;

    private Guid? openedId;
    private InvoiceDetail? detail;
    private ApiProblem? detailProblem;

    [SupplyParameterFromQuery(Name = InvoiceListUrl.SearchParameter)]
    public string? Search { get; set; }

    [SupplyParameterFromQuery(Name = InvoiceListUrl.StatusParameter)]
    public string? StatusFilter { get; set; }

    [SupplyParameterFromQuery(Name = InvoiceListUrl.SourceParameter)]
    public string? SourceFilter { get; set; }

    [SupplyParameterFromQuery(Name = InvoiceListUrl.ClientParameter)]
    public Guid? ClientId { get; set; }

    // Text rather than bool: a hand-edited address with another value reads as "off" instead of failing the page.
    [SupplyParameterFromQuery(Name = InvoiceListUrl.UnmappedParameter)]
    public string? Unmapped { get; set; }

    [SupplyParameterFromQuery(Name = InvoiceListUrl.FromParameter)]
    public string? From { get; set; }

    [SupplyParameterFromQuery(Name = InvoiceListUrl.ToParameter)]
    public string? To { get; set; }

    [SupplyParameterFromQuery(Name = InvoiceListUrl.SortParameter)]
    public string? Sort { get; set; }

    [SupplyParameterFromQuery(Name = InvoiceListUrl.DirectionParameter)]
    public string? Direction { get; set; }

    [SupplyParameterFromQuery(Name = InvoiceListUrl.PageParameter)]
    public int? Page { get; set; }

    /// <summary>The scoped client's name, as its invoices on this page give it.</summary>
    private string? ScopedClientName =>
        List?.Items.FirstOrDefault(invoice => invoice.ClientId == Query.ClientId)?.ClientName;

    protected override InvoiceListQuery QueryFromAddress() =>
        InvoiceListUrl.Parse(Search, StatusFilter, SourceFilter, ClientId, Unmapped, From, To, Sort, Direction, Page);

    protected override IReadOnlyDictionary<string, object?> AddressOf(InvoiceListQuery query) =>
        InvoiceListUrl.PageParameters(query);

    protected override Task<PagedList<Invoice>> FetchPageAsync(CancellationToken cancellationToken) =>
        Gateway.GetInvoicesAsync(Query, cancellationToken);

    protected override void OnQueryChanged() => openedId = null;

    /// <summary>The filters set beside the search, as the folded filter bar counts them.</summary>
    private int ActiveFilters => new object?[] { Query.Status, Query.Source, Query.UnmappedOnly ? true : null, Query.IssuedFrom, Query.IssuedTo }
        .Count(filter => filter is not null);

    private void OnSearchChanged(ChangeEventArgs change) =>
        Show(Query with { Search = FormText.OrNull(change.Value as string), Page = 1 });

    private void OnStatusChanged(ChangeEventArgs change)
    {
        var status = change.Value as string;
        Show(Query with { Status = InvoiceStatuses.All.Contains(status) ? status : null, Page = 1 });
    }

    private void OnSourceChanged(ChangeEventArgs change)
    {
        var source = change.Value as string;
        Show(Query with { Source = InvoiceSources.All.Contains(source) ? source : null, Page = 1 });
    }

    private void OnUnmappedChanged(ChangeEventArgs change) =>
        Show(Query with { UnmappedOnly = change.Value is true, Page = 1 });

    private void OnFromChanged(DateOnly? from) => Show(Query with { IssuedFrom = from, Page = 1 });

    private void OnToChanged(DateOnly? to) => Show(Query with { IssuedTo = to, Page = 1 });

    private void SortBy(string column)
    {
        var direction = SortDirections.Next(column, Query.Sort, Query.Direction, InvoiceSortColumns.DefaultDirection(column));
        Show(Query with { Sort = column, Direction = direction, Page = 1 });
    }

    private void ClearFilters() =>
        Show(Query with
        {
            Search = null,
            Status = null,
            Source = null,
            UnmappedOnly = false,
            IssuedFrom = null,
            IssuedTo = null,
            Page = 1,
        });

    private void ClearScope() => Show(Query with { ClientId = null, Page = 1 });

    /// <summary>Opens an invoice's details and lines as the service has them now, or closes them when open.</summary>
    private async Task ToggleDetailAsync(Invoice invoice)
    {
        detail = null;
        detailProblem = null;
        if (openedId == invoice.Id)
        {
            openedId = null;
            return;
        }

        openedId = invoice.Id;
        var loaded = await CallAsync(cancellationToken => Gateway.GetInvoiceAsync(invoice.Id, cancellationToken));
        if (openedId == invoice.Id)
        {
            detail = loaded.Value;
            detailProblem = loaded.Problem;
        }
    }
}

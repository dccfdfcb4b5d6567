using BillingOne.BuildingBlocks.Paging;

namespace BillingOne.Invoice.Domain;

public enum InvoiceSortField
{
    IssuedOn,
    Number,
    Client,
    Total,
    AmountDue,
    DueOn,
    Status,
}

/// <summary>A validated request for invoices: a page of the list, or the whole filtered list for export.</summary>
/// <param name="SearchAmount">The search read as an amount (<see cref="AmountSearch"/>), matching total or amount due.</param>
public sealed record InvoiceListQuery(
    string? Search,
    decimal? SearchAmount,
    string? Status,
    string? Source,
    Guid? ClientId,
    bool Unmapped,
    DateOnly? IssuedFrom,
    DateOnly? IssuedTo,
    InvoiceSortField Sort,
    SortDirection Direction,
    PageRequest Page)
{
    public const int MaxSearchLength = 200;

    public static readonly IReadOnlyList<string> Sources = ["xero", "superops"];

    /// <summary>
    /// Reads the list's query parameters; errors are keyed by the parameter. The default order is the newest issued
    /// first.
    /// </summary>
    public static InvoiceListQuery? Parse(string? search, string? status, string? source, string? clientId,
        string? unmapped, string? from, string? to, string? sort, string? direction, int? page, int? pageSize,
        IDictionary<string, string[]> errors)
    {
        var text = QueryValues.ParseText(search, "search", MaxSearchLength, errors);
        var statusText = QueryValues.ParseText(status, "status", 40, errors)?.ToLowerInvariant();
        if (statusText is not null && !InvoiceStatuses.All.Contains(statusText))
        {
            errors["status"] = [$"status must be one of {string.Join(", ", InvoiceStatuses.All)}."];
        }
        var sourceText = QueryValues.ParseText(source, "source", 40, errors)?.ToLowerInvariant();
        if (sourceText is not null && !Sources.Contains(sourceText))
        {
            errors["source"] = [$"source must be one of {string.Join(", ", Sources)}."];
        }
        var client = QueryValues.ParseGuid(clientId, "clientId", errors);
        var onlyUnmapped = QueryValues.ParseBoolean(unmapped, "unmapped", errors) ?? false;
        var (issuedFrom, issuedTo) = QueryValues.ParseDayRange(from, to, errors);
        var sortField = QueryValues.ParseChoice(sort, "sort", InvoiceSortField.IssuedOn, errors);
        var sortDirection = SortDirections.Parse(direction,
            sort is null ? SortDirection.Descending : SortDirection.Ascending, errors);
        var pageRequest = PageRequest.Parse(page, pageSize, errors);
        return errors.Count == 0
            ? new InvoiceListQuery(text, AmountSearch.Parse(text), statusText, sourceText, client, onlyUnmapped,
                issuedFrom, issuedTo, sortField, sortDirection, pageRequest)
            : null;
    }
}

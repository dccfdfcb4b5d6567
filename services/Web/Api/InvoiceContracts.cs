namespace BillingOne.Web.Api;

// The web UI's view of the invoice service's invoices (Xero and SuperOps):
//   GET /api/invoice/invoices?search=&status=&source=&clientId=&unmapped=true&sort=&direction=&page=&pageSize= -> PagedList<Invoice>
//   GET /api/invoice/invoices/{id}                                            -> InvoiceDetail
//   GET /api/invoice/invoices/export?search=&status=&source=&clientId=&unmapped= -> text/csv

/// <summary>One invoice as the list shows it.</summary>
/// <param name="Source">One of <see cref="InvoiceSources"/>.</param>
/// <param name="ContactId">The vendor's contact (Xero) or client (SuperOps) the invoice is addressed to.</param>
/// <param name="ClientId">Null while the invoice's contact is not mapped to a client.</param>
/// <param name="Status">One of <see cref="InvoiceStatuses"/>, or another the service knows.</param>
/// <param name="VendorUrl">Where the invoice opens in its vendor's app; null when the vendor has no such page.</param>
public sealed record Invoice(
    Guid Id,
    string Source,
    string ExternalId,
    string? Number,
    string? Reference,
    string? ContactId,
    string? ContactName,
    Guid? ClientId,
    string? ClientName,
    string Status,
    DateOnly? IssuedOn,
    DateOnly? DueOn,
    string Currency,
    decimal Total,
    decimal AmountDue,
    decimal AmountPaid,
    string? VendorUrl);

/// <summary>One invoice with its line items and payment, for the detail panel.</summary>
/// <param name="PaymentStatus">The payment in words, as the service puts it ("Paid on 2026-10-03", "Part paid: 120.00 of 500.00").</param>
public sealed record InvoiceDetail(
    Guid Id,
    string Source,
    string ExternalId,
    string? Number,
    string? Reference,
    string? ContactId,
    string? ContactName,
    Guid? ClientId,
    string? ClientName,
    string Status,
    DateOnly? IssuedOn,
    DateOnly? DueOn,
    string Currency,
    decimal Total,
    decimal AmountDue,
    decimal AmountPaid,
    string? VendorUrl,
    IReadOnlyList<InvoiceLine> Lines,
    decimal SubTotal,
    decimal TotalTax,
    string? PaymentStatus,
    DateOnly? FullyPaidOn,
    DateTimeOffset? UpdatedAt);

/// <summary>One line of an invoice; the vendor may leave any figure out.</summary>
public sealed record InvoiceLine(
    string? Description,
    decimal? Quantity,
    decimal? UnitAmount,
    string? AccountCode,
    string? ItemCode,
    decimal? TaxAmount,
    decimal? LineAmount);

public static class InvoiceStatuses
{
    public const string Draft = "draft";
    public const string Submitted = "submitted";
    public const string Awaiting = "awaiting";
    public const string Overdue = "overdue";
    public const string Paid = "paid";
    public const string Voided = "voided";

    public static readonly IReadOnlyList<string> All = [Draft, Submitted, Awaiting, Overdue, Paid, Voided];

    public static string BadgeClass(string status) => All.Contains(status) ? $"badge-invoice-{status}" : "badge-neutral";

    public static string Label(string status) => status switch
    {
        Draft => "Draft",
        Submitted => "Submitted",
        Awaiting => "Awaiting payment",
        Overdue => "Overdue",
        Paid => "Paid",
        Voided => "Voided",
        "" => "—",
        _ => char.ToUpperInvariant(status[0]) + status[1..].Replace('-', ' '),
    };
}

/// <summary>Where invoices come from; each is also the vendor whose contacts are mapped to clients.</summary>
public static class InvoiceSources
{
    public const string Xero = MappingVendors.Xero;
    public const string SuperOps = MappingVendors.SuperOps;

    public static readonly IReadOnlyList<string> All = [Xero, SuperOps];

    public static string Label(string source) => source switch
    {
        Xero => "Xero",
        SuperOps => "SuperOps",
        _ => source,
    };
}

public static class InvoiceSortColumns
{
    public const string Number = "number";
    public const string Client = "client";
    public const string Total = "total";
    public const string AmountDue = "amountDue";
    public const string DueOn = "dueOn";
    public const string IssuedOn = "issuedOn";
    public const string Status = "status";

    public static readonly IReadOnlyList<string> All = [Number, Client, Total, AmountDue, DueOn, IssuedOn, Status];

    /// <summary>Names read alphabetically; amounts and dates largest or newest first.</summary>
    public static string DefaultDirection(string column) =>
        column is Total or AmountDue or DueOn or IssuedOn ? SortDirections.Descending : SortDirections.Ascending;
}

/// <summary>Search, filters, sort and paging of <c>GET /api/invoice/invoices</c>.</summary>
/// <param name="Search">Matches the invoice number, reference, client, contact or an amount.</param>
/// <param name="ClientId">The client scope: one client's invoices.</param>
/// <param name="UnmappedOnly">Only invoices whose contact is not mapped to a client.</param>
/// <param name="IssuedFrom">Only invoices issued on or after this day.</param>
/// <param name="IssuedTo">Only invoices issued on or before this day.</param>
public sealed record InvoiceListQuery(
    string? Search = null,
    string? Status = null,
    string? Source = null,
    Guid? ClientId = null,
    bool UnmappedOnly = false,
    DateOnly? IssuedFrom = null,
    DateOnly? IssuedTo = null,
    string Sort = InvoiceSortColumns.IssuedOn,
    string Direction = SortDirections.Descending,
    int Page = 1,
    int PageSize = InvoiceListQuery.DefaultPageSize) : IPagedQuery<InvoiceListQuery>
{
    public const int DefaultPageSize = 25;
    public const string Path = "api/invoice/invoices";

    public bool IsFiltered => Search is not null || Status is not null || Source is not null || ClientId is not null ||
        UnmappedOnly || IssuedFrom is not null || IssuedTo is not null;

    public InvoiceListQuery WithPage(int page) => this with { Page = page };

    public string ToRequestUri() => ApiQuery.Build(Path, ("search", Search), ("status", Status), ("source", Source),
        ("clientId", ClientId), ("unmapped", UnmappedOnly ? true : null), ("from", IssuedFrom), ("to", IssuedTo),
        ("sort", Sort), ("direction", Direction), ("page", Page), ("pageSize", PageSize));

    /// <summary>The service's CSV of every invoice the filters match.</summary>
    public string ToExportUri() => ApiQuery.Build($"{Path}/export", ("search", Search), ("status", Status),
        ("source", Source), ("clientId", ClientId), ("unmapped", UnmappedOnly ? true : null), ("from", IssuedFrom),
        ("to", IssuedTo));
}

namespace BillingOne.Invoice.Connectors.Xero;

public sealed record XeroContact(Guid ContactId, string Name, string? Email, string? Status, DateTimeOffset? UpdatedAt);

public sealed record XeroInvoiceLine(
    string? Description, decimal? Quantity, decimal? UnitAmount, string? AccountCode, string? ItemCode, decimal? TaxAmount,
    decimal? LineAmount);

/// <summary>A sales invoice (ACCREC) as Xero knows it; dates are the organisation's calendar dates.</summary>
public sealed record XeroInvoice(
    Guid InvoiceId,
    string? Number,
    string? Reference,
    Guid ContactId,
    string ContactName,
    string Status,
    DateOnly? IssuedOn,
    DateOnly? DueOn,
    string Currency,
    decimal SubTotal,
    decimal TotalTax,
    decimal Total,
    decimal AmountDue,
    decimal AmountPaid,
    DateOnly? FullyPaidOn,
    DateTimeOffset? UpdatedAt,
    IReadOnlyList<XeroInvoiceLine> Lines);

/// <summary>An item of a page Xero answered that could not be used, and why.</summary>
public sealed record XeroRejectedItem(string What, string Reason);

/// <summary>
/// One page of a Xero list: its usable items and the rejected ones. <see cref="Unreadable"/> says why the whole page
/// could not be read (then it has no items). <see cref="ReceivedCount"/> counts what Xero sent, to find the last page.
/// </summary>
public sealed record XeroPage<T>(int Number, IReadOnlyList<T> Items, IReadOnlyList<XeroRejectedItem> Rejected,
    int ReceivedCount, string? Unreadable = null);

/// <summary>A draft sales invoice to create; amounts exclude tax.</summary>
public sealed record XeroDraftInvoice(Guid ContactId, DateOnly Date, string Reference, string Currency,
    IReadOnlyList<XeroDraftInvoiceLine> Lines);

/// <param name="TaxType">Xero's <c>LineItem.TaxType</c>; null leaves it out (the account's default tax rate applies).</param>
public sealed record XeroDraftInvoiceLine(string Description, decimal Quantity, decimal UnitAmount, string? AccountCode,
    string? TaxType = null);

public sealed record XeroCreatedInvoice(Guid InvoiceId, string? Number, string Status);

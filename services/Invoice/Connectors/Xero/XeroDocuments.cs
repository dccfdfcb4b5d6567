using System.Text.Json;

namespace BillingOne.Invoice.Connectors.Xero;

// What Xero sends, every field nullable so a missing one is reported by name instead of defaulting to 0 or null.
// Items stay JSON until each is read on its own, so one bad item does not cost its page.

internal sealed record InvoicesEnvelope(List<JsonElement>? Invoices);

internal sealed record ContactsEnvelope(List<JsonElement>? Contacts);

internal sealed record ContactRefDocument(Guid? ContactID, string? Name);

internal sealed record LineItemDocument(
    string? Description, decimal? Quantity, decimal? UnitAmount, string? AccountCode, string? ItemCode,
    decimal? TaxAmount, decimal? LineAmount);

internal sealed record InvoiceDocument(
    Guid? InvoiceID, string? Type, string? InvoiceNumber, string? Reference, ContactRefDocument? Contact,
    string? Date, string? DueDate, string? DateString, string? DueDateString, string? Status,
    List<LineItemDocument?>? LineItems, decimal? SubTotal, decimal? TotalTax, decimal? Total, decimal? AmountDue,
    decimal? AmountPaid, string? CurrencyCode, string? FullyPaidOnDate, string? UpdatedDateUTC);

internal sealed record ContactDocument(Guid? ContactID, string? Name, string? EmailAddress, string? ContactStatus,
    string? UpdatedDateUTC);

using System.ComponentModel;
using BillingOne.Invoice.Data;
using BillingOne.Invoice.Domain;

namespace BillingOne.Invoice.Apis;

/// <summary>
/// An invoice as the list shows it. <c>status</c>: draft, submitted, awaiting (approved, not yet due), overdue (approved,
/// money due after the due date), paid or voided. <c>clientId</c>/<c>clientName</c> are null while its contact is not
/// mapped to a client. Dates are the vendor's calendar dates (yyyy-MM-dd).
/// </summary>
public sealed record InvoiceResponse(
    Guid Id,
    string Source,
    string ExternalId,
    string? Number,
    string? Reference,
    string ContactId,
    string ContactName,
    Guid? ClientId,
    string? ClientName,
    string Status,
    DateOnly? IssuedOn,
    DateOnly? DueOn,
    string Currency,
    decimal Total,
    decimal AmountDue,
    decimal AmountPaid,
    string? VendorUrl)
{
    public static InvoiceResponse From(InvoiceView view) => new(view.Id, view.Source, view.ExternalId, view.Number,
        view.Reference, view.ContactId, view.ContactName, view.ClientId, view.ClientName, view.Status, view.IssuedOn,
        view.DueOn, view.Currency, view.Total, view.AmountDue, view.AmountPaid, view.VendorUrl);
}

public sealed record InvoiceLineResponse(string? Description, decimal? Quantity, decimal? UnitAmount, string? AccountCode,
    string? ItemCode, decimal? TaxAmount, decimal? LineAmount);

/// <summary>An invoice with its lines and how far it is paid (<c>paymentStatus</c>: "Paid on 2026-10-03", "Part paid: 120.00 of 500.00", "Unpaid", "Draft").</summary>
public sealed record InvoiceDetailResponse(
    Guid Id,
    string Source,
    string ExternalId,
    string? Number,
    string? Reference,
    string ContactId,
    string ContactName,
    Guid? ClientId,
    string? ClientName,
    string Status,
    DateOnly? IssuedOn,
    DateOnly? DueOn,
    string Currency,
    decimal SubTotal,
    decimal TotalTax,
    decimal Total,
    decimal AmountDue,
    decimal AmountPaid,
    string PaymentStatus,
    DateOnly? FullyPaidOn,
    DateTimeOffset? UpdatedAt,
    string? VendorUrl,
    IReadOnlyList<InvoiceLineResponse> Lines)
{
    public static InvoiceDetailResponse From(InvoiceView view, IReadOnlyList<InvoiceLineView> lines) => new(view.Id,
        view.Source, view.ExternalId, view.Number, view.Reference, view.ContactId, view.ContactName, view.ClientId,
        view.ClientName, view.Status, view.IssuedOn, view.DueOn, view.Currency, view.SubTotal, view.TotalTax, view.Total,
        view.AmountDue, view.AmountPaid,
        Domain.PaymentStatus.Describe(view.Status, view.Total, view.AmountPaid, view.FullyPaidOn), view.FullyPaidOn,
        view.UpdatedAt, view.VendorUrl,
        [.. lines.Select(line => new InvoiceLineResponse(line.Description, line.Quantity, line.UnitAmount, line.AccountCode,
            line.ItemCode, line.TaxAmount, line.LineAmount))]);
}

/// <summary>Counts for the invoice page's header; <c>pending</c> = draft + submitted.</summary>
public sealed record InvoiceSummaryResponse(long Total, IReadOnlyDictionary<string, long> ByStatus, long Unmapped, long Pending)
{
    public static InvoiceSummaryResponse From(InvoiceSummary summary) => new(summary.Total, summary.ByStatus, summary.Unmapped,
        summary.ByStatus[InvoiceStatuses.Draft] + summary.ByStatus[InvoiceStatuses.Submitted]);
}

public sealed record RepublishInvoicesResponse([property: Description("Invoices whose InvoiceUpserted was published.")] int Invoices);

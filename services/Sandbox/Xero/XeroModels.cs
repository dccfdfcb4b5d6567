using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BillingOne.Sandbox.Xero;

/// <summary>
/// Xero's Accounting API speaks PascalCase JSON and writes dates the old Microsoft way, <c>/Date(ms+0000)/</c>; the
/// models below carry the wire strings so serialising them needs no converter.
/// </summary>
public static class XeroJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = null,
        PropertyNameCaseInsensitive = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Date(DateTimeOffset instant) =>
        string.Create(CultureInfo.InvariantCulture, $"/Date({instant.ToUnixTimeMilliseconds()}+0000)/");

    public static string DateString(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    public static IResult Ok(object value) => Results.Json(value, Options);
}

public sealed record XeroContactRef(Guid ContactID, string Name, string? EmailAddress);

public sealed record XeroLineItem(
    Guid LineItemID,
    string Description,
    decimal Quantity,
    decimal UnitAmount,
    decimal LineAmount,
    string AccountCode,
    string? ItemCode,
    string TaxType,
    decimal TaxAmount);

/// <summary>An invoice as <c>GET /api.xro/2.0/Invoices</c> answers it. <see cref="UpdatedAt"/> is for filtering only.</summary>
public sealed record XeroInvoice(
    Guid InvoiceID,
    string Type,
    string InvoiceNumber,
    string? Reference,
    XeroContactRef Contact,
    string DateString,
    string DueDateString,
    string Date,
    string DueDate,
    string Status,
    string LineAmountTypes,
    IReadOnlyList<XeroLineItem> LineItems,
    decimal SubTotal,
    decimal TotalTax,
    decimal Total,
    decimal AmountDue,
    decimal AmountPaid,
    string CurrencyCode,
    string UpdatedDateUTC,
    [property: JsonIgnore] DateTimeOffset UpdatedAt);

/// <summary>A contact as <c>GET /api.xro/2.0/Contacts</c> answers it.</summary>
public sealed record XeroContact(
    Guid ContactID,
    string Name,
    string? EmailAddress,
    string ContactStatus,
    bool IsCustomer,
    string UpdatedDateUTC,
    [property: JsonIgnore] DateTimeOffset UpdatedAt);

/// <summary>Xero's answer envelope; exactly one of the lists is set.</summary>
public sealed record XeroEnvelope(
    Guid Id,
    string Status,
    string ProviderName,
    string DateTimeUTC,
    [property: JsonPropertyName("pagination")] XeroPagination? Pagination,
    IReadOnlyList<XeroInvoice>? Invoices = null,
    IReadOnlyList<XeroContact>? Contacts = null);

/// <summary>The <c>pagination</c> object Xero adds to paged answers (lower-case on the wire).</summary>
public sealed record XeroPagination(
    [property: JsonPropertyName("page")] int Page,
    [property: JsonPropertyName("pageSize")] int PageSize,
    [property: JsonPropertyName("pageCount")] int PageCount,
    [property: JsonPropertyName("itemCount")] int ItemCount);

/// <summary>
/// A line billed short on purpose: <see cref="BilledQuantity"/> is below the Pax8 subscription's
/// <see cref="SubscribedQuantity"/>, for reconciliation to find.
/// </summary>
public sealed record XeroUnderBilledLine(
    Guid InvoiceID,
    string InvoiceNumber,
    Guid ContactID,
    Guid LineItemID,
    Guid SubscriptionId,
    string ItemCode,
    int SubscribedQuantity,
    int BilledQuantity);

/// <summary>Builds invoices and lines with Xero's arithmetic: Australian GST at 10%, amounts rounded to the cent.</summary>
public static class XeroInvoices
{
    public const string Exclusive = "Exclusive";
    public const string Inclusive = "Inclusive";
    public const string NoTax = "NoTax";
    private const decimal GstRate = 0.10m;

    public static XeroLineItem Line(Guid id, string description, decimal quantity, decimal unitAmount, string accountCode,
        string? itemCode, string lineAmountTypes)
    {
        var amount = Cents(quantity * unitAmount);
        var tax = lineAmountTypes switch
        {
            Exclusive => Cents(amount * GstRate),
            Inclusive => Cents(amount * GstRate / (1 + GstRate)),
            _ => 0m,
        };
        return new XeroLineItem(id, description, quantity, unitAmount, amount, accountCode, itemCode,
            lineAmountTypes == NoTax ? "BASEXCLUDED" : "OUTPUT", tax);
    }

    /// <summary>An ACCREC invoice whose totals follow from its lines; <paramref name="amountPaid"/> sets what is still due.</summary>
    public static XeroInvoice Create(Guid id, string number, string? reference, XeroContactRef contact, DateTimeOffset date,
        DateTimeOffset dueDate, string status, string lineAmountTypes, IReadOnlyList<XeroLineItem> lines, decimal amountPaid,
        string currencyCode, DateTimeOffset updatedAt)
    {
        var tax = lines.Sum(line => line.TaxAmount);
        var subTotal = lines.Sum(line => line.LineAmount) - (lineAmountTypes == Inclusive ? tax : 0m);
        var total = subTotal + tax;
        return new XeroInvoice(id, "ACCREC", number, reference, contact, XeroJson.DateString(date), XeroJson.DateString(dueDate),
            XeroJson.Date(date), XeroJson.Date(dueDate), status, lineAmountTypes, lines, subTotal, tax, total,
            total - amountPaid, amountPaid, currencyCode, XeroJson.Date(updatedAt), updatedAt);
    }

    public static decimal Cents(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}

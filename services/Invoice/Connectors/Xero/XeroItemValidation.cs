using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using BillingOne.Contracts.Money;

namespace BillingOne.Invoice.Connectors.Xero;

/// <summary>
/// Turns Xero's items into records, refusing what a sync must not store: a missing id, contact or amount, a
/// negative amount, an unknown currency or a date that is not one.
/// </summary>
internal static partial class XeroItemValidation
{
    public static XeroInvoice Invoice(InvoiceDocument item)
    {
        var id = item.InvoiceID is { } invoiceId && invoiceId != Guid.Empty ? invoiceId : throw Invalid("InvoiceID", "is missing");
        var contactId = item.Contact?.ContactID is { } contact && contact != Guid.Empty
            ? contact
            : throw Invalid("Contact.ContactID", "is missing");
        var status = string.IsNullOrWhiteSpace(item.Status) ? throw Invalid("Status", "is missing") : item.Status.Trim().ToUpperInvariant();
        if (!Iso4217.TryNormalize(item.CurrencyCode, out var currency))
        {
            throw Invalid("CurrencyCode", item.CurrencyCode is null ? "is missing" : $"'{item.CurrencyCode}' is not an ISO 4217 code");
        }
        var lines = (item.LineItems ?? []).Select((line, index) => line is null
            ? throw Invalid($"LineItems[{index}]", "is null")
            : new XeroInvoiceLine(line.Description, line.Quantity, line.UnitAmount, line.AccountCode, line.ItemCode,
                line.TaxAmount, line.LineAmount)).ToList();
        return new XeroInvoice(id, item.InvoiceNumber, item.Reference, contactId,
            string.IsNullOrWhiteSpace(item.Contact!.Name) ? contactId.ToString() : item.Contact.Name.Trim(), status,
            CalendarDate(item.DateString, item.Date, "Date"), CalendarDate(item.DueDateString, item.DueDate, "DueDate"),
            currency, Amount(item.SubTotal, "SubTotal", allowNegative: true), Amount(item.TotalTax, "TotalTax", allowNegative: true),
            Amount(item.Total, "Total", allowNegative: true), Amount(item.AmountDue, "AmountDue"),
            Amount(item.AmountPaid, "AmountPaid"), CalendarDate(null, item.FullyPaidOnDate, "FullyPaidOnDate"),
            Instant(item.UpdatedDateUTC, "UpdatedDateUTC"), lines);
    }

    public static XeroContact Contact(ContactDocument item)
    {
        var id = item.ContactID is { } contactId && contactId != Guid.Empty ? contactId : throw Invalid("ContactID", "is missing");
        var name = string.IsNullOrWhiteSpace(item.Name) ? throw Invalid("Name", "is missing") : item.Name.Trim();
        return new XeroContact(id, name, item.EmailAddress, item.ContactStatus, Instant(item.UpdatedDateUTC, "UpdatedDateUTC"));
    }

    /// <summary>An id to name a rejected item by, when the item has one.</summary>
    public static string? IdOf(JsonElement item, string property) =>
        item.ValueKind == JsonValueKind.Object && item.TryGetProperty(property, out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;

    private static decimal Amount(decimal? amount, string field, bool allowNegative = false) =>
        amount is not { } value ? throw Invalid(field, "is missing")
        : value < 0 && !allowNegative ? throw Invalid(field, $"is negative ({value.ToString(CultureInfo.InvariantCulture)})")
        : value;

    /// <summary>The calendar date of <c>yyyy-MM-ddTHH:mm:ss</c> text, or of Xero's <c>/Date(ms+zone)/</c>.</summary>
    private static DateOnly? CalendarDate(string? dateString, string? msDate, string field)
    {
        if (!string.IsNullOrWhiteSpace(dateString))
        {
            return DateTime.TryParse(dateString, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
                ? DateOnly.FromDateTime(parsed)
                : throw Invalid(field + "String", $"'{dateString}' is not a date");
        }
        return Instant(msDate, field) is { } instant ? DateOnly.FromDateTime(instant.UtcDateTime) : null;
    }

    private static DateTimeOffset? Instant(string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var match = MicrosoftDate().Match(text);
        if (match.Success && long.TryParse(match.Groups["ms"].Value, CultureInfo.InvariantCulture, out var milliseconds))
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant)
            ? instant
            : throw Invalid(field, $"'{text}' is not a date");
    }

    private static XeroItemException Invalid(string field, string reason) => new(field, reason);

    [GeneratedRegex(@"^/Date\((?<ms>-?\d+)([+-]\d{4})?\)/$", RegexOptions.CultureInvariant)]
    private static partial Regex MicrosoftDate();
}

/// <summary>One item refused, naming its field.</summary>
internal sealed class XeroItemException(string field, string reason) : Exception($"{field} {reason}");

using System.Globalization;
using BillingOne.Web.Api;
using BillingOne.Web.Formatting;

namespace BillingOne.Web.InvoiceList;

/// <summary>How the invoice list and its detail panel write numbers, dates, amounts and vendor links.</summary>
public static class InvoiceText
{
    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";

    /// <summary>A draft may have no number yet.</summary>
    public static string Number(string? number) => string.IsNullOrWhiteSpace(number) ? "(no number)" : number;

    public static string Money(decimal? amount, string currency) => amount is { } value ? MoneyFormat.Format(value, currency) : "—";

    public static string OpenInVendor(string source) => $"Open in {InvoiceSources.Label(source)}";
}

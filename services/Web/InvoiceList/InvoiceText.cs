using System.Globalization;
using BillingOne.Web.Api;

namespace BillingOne.Web.InvoiceList;

/// <summary>How the invoice list and its detail panel write dates and vendor links.</summary>
public static class InvoiceText
{
    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";

    public static string OpenInVendor(string source) => $"Open in {InvoiceSources.Label(source)}";
}

using System.Globalization;
using CsvHelper;

namespace BillingOne.Subscription.Apis;

/// <summary>
/// Subscriptions as CSV for spreadsheets. The columns are a contract for the files people keep: add at the end, never
/// reorder. Names typed by people open as text, never as formulas.
/// </summary>
public static class SubscriptionCsv
{
    public const string ContentType = "text/csv";

    public static readonly string[] Header =
    [
        "Subscription ID", "Client ID", "Client", "Pax8 Company", "Product", "Vendor", "SKU", "Licence Unit", "Quantity",
        "Unit Price", "Total", "Monthly Value", "Currency", "Billing Term", "Status", "Start Date", "End Date",
    ];

    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        Injection = CsvInjection.Escape,
        WriteByteOrderMark = true,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    public static byte[] Write(IEnumerable<SubscriptionResponse> subscriptions)
    {
        using var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, Options, leaveOpen: true))
        {
            csv.WriteHeader(Header);
            foreach (var subscription in subscriptions)
            {
                csv.WriteField(subscription.Id.ToString());
                csv.WriteField(subscription.ClientId?.ToString() ?? "");
                csv.WriteField(subscription.ClientName ?? "");
                csv.WriteField(subscription.CompanyName);
                csv.WriteField(subscription.ProductName);
                csv.WriteField(subscription.VendorName);
                csv.WriteField(subscription.Sku ?? "");
                csv.WriteField(subscription.LicenceUnit ?? "");
                csv.WriteField(subscription.Quantity);
                csv.WriteField(subscription.UnitPrice.Amount);
                csv.WriteField(subscription.Total.Amount);
                csv.WriteField(subscription.MonthlyValue.Amount);
                csv.WriteField(subscription.UnitPrice.Currency);
                csv.WriteField(subscription.BillingTerm);
                csv.WriteField(subscription.Status);
                csv.WriteField(subscription.StartDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                csv.WriteField(subscription.EndDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "");
                csv.EndRecord();
            }
            csv.Flush();
        }
        return stream.ToArray();
    }
}

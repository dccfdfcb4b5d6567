using BillingOne.BuildingBlocks.Csv;

namespace BillingOne.Subscription.Apis;

/// <summary>
/// Subscriptions as CSV for spreadsheets. The columns are a contract for the files people keep: add at the end, never
/// reorder. Names typed by people open as text, never as formulas.
/// </summary>
public static class SubscriptionCsv
{
    public static readonly string[] Header =
    [
        "Subscription ID", "Client ID", "Client", "Pax8 Company", "Product", "Vendor", "SKU", "Licence Unit", "Quantity",
        "Unit Price", "Total", "Monthly Value", "Currency", "Billing Term", "Status", "Start Date", "End Date",
    ];

    public static byte[] Write(IEnumerable<SubscriptionResponse> subscriptions) =>
        CsvFiles.Write(Header, subscriptions, (csv, subscription) =>
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
            csv.WriteField(CsvFiles.Date(subscription.StartDate));
            csv.WriteField(CsvFiles.Date(subscription.EndDate));
        });
}

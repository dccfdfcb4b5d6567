using BillingOne.BuildingBlocks.Csv;

namespace BillingOne.Reconciliation.Apis;

/// <summary>
/// The client comparison and missed-billing lists as CSV for billing reviews. The columns are a contract for the files
/// people keep: add at the end, never reorder. Numbers are written as numbers (a negative variance is no formula).
/// </summary>
public static class ReconciliationCsv
{
    public static readonly string[] ClientHeader =
    [
        "Client ID", "Client", "Devices", "Licenses", "Variance", "Status", "Snapshot", "Currency",
        "Device Licence Price", "Missed Billing (monthly)",
    ];

    public static readonly string[] MissedBillingHeader =
    [
        "ID", "Kind", "Client ID", "Client", "Bucket", "Period", "Amount", "Currency", "Evidence", "State",
        "Dismiss Reason", "State Changed", "State Changed By", "Updated", "Product",
    ];

    /// <summary>One row per covering product of each client (docs/domain.md "Licences: coverage per product").</summary>
    public static readonly string[] ProductHeader =
    [
        "Client ID", "Client", "Client Status", "Product ID", "Product", "Covers", "Covered Devices", "Quantity",
        "Variance", "Status", "Monthly Unit Price", "Currency", "Snapshot",
    ];

    public static byte[] Write(IEnumerable<ClientReconciliationResponse> clients) => CsvFiles.Write(ClientHeader, clients,
        (csv, client) =>
        {
            csv.WriteField(client.ClientId.ToString());
            csv.WriteField(client.ClientName ?? "");
            csv.WriteField(client.Devices);
            csv.WriteField(client.Licenses);
            csv.WriteField(client.Variance);
            csv.WriteField(client.Status);
            csv.WriteField(CsvFiles.Date(client.SnapshotTakenAt));
            csv.WriteField(client.Currency ?? "");
            csv.WriteField(client.DeviceLicenseUnitPrice);
            csv.WriteField(client.MissedBillingMonthly);
        });

    public static byte[] Write(IEnumerable<MissedBillingResponse> opportunities) => CsvFiles.Write(MissedBillingHeader,
        opportunities, (csv, opportunity) =>
        {
            csv.WriteField(opportunity.Id.ToString());
            csv.WriteField(opportunity.Kind);
            csv.WriteField(opportunity.ClientId.ToString());
            csv.WriteField(opportunity.ClientName ?? "");
            csv.WriteField(opportunity.BucketName ?? "");
            csv.WriteField(opportunity.Period ?? "");
            csv.WriteField(opportunity.Amount);
            csv.WriteField(opportunity.Currency ?? "");
            csv.WriteField(opportunity.Evidence);
            csv.WriteField(opportunity.State);
            csv.WriteField(opportunity.DismissReason ?? "");
            csv.WriteField(CsvFiles.Date(opportunity.StateChangedAt));
            csv.WriteField(opportunity.StateChangedBy ?? "");
            csv.WriteField(CsvFiles.Date(opportunity.UpdatedAt));
            csv.WriteField(opportunity.ProductName ?? "");
        });

    public static byte[] WriteProducts(IEnumerable<ClientReconciliationResponse> clients) => CsvFiles.Write(ProductHeader,
        clients.SelectMany(client => client.Products.Select(product => (client, product))), (csv, line) =>
        {
            csv.WriteField(line.client.ClientId.ToString());
            csv.WriteField(line.client.ClientName ?? "");
            csv.WriteField(line.client.Status);
            csv.WriteField(line.product.ProductId.ToString());
            csv.WriteField(line.product.ProductName);
            csv.WriteField(line.product.Covers);
            csv.WriteField(line.product.CoveredDevices);
            csv.WriteField(line.product.Quantity);
            csv.WriteField(line.product.Variance);
            csv.WriteField(line.product.Status);
            csv.WriteField(line.product.MonthlyUnitPrice);
            csv.WriteField(line.product.Currency ?? "");
            csv.WriteField(CsvFiles.Date(line.client.SnapshotTakenAt));
        });
}

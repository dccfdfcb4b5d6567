using BillingOne.BuildingBlocks.Csv;

namespace BillingOne.Projection.Apis;

/// <summary>
/// The reports' tables as CSV, one record per table row in the table's order. The columns are a contract for the files
/// people keep: add at the end, never reorder.
/// </summary>
public static class ReportsCsv
{
    public static readonly string[] RevenueHeader =
        ["Period", "Client ID", "Client", "Currency", "Invoices", "Invoiced", "Usage Billed", "MRR at End"];

    public static readonly string[] PaymentsHeader =
    [
        "Period", "Client ID", "Client", "Currency", "Invoices", "Invoiced", "Paid", "Outstanding", "Overdue",
        "Paid in Full", "Average Days to Pay",
    ];

    public static readonly string[] FinancialSummaryHeader =
    [
        "Period", "Month", "Currency", "Invoices", "Invoiced", "Paid", "Outstanding", "Overdue", "MRR at End",
        "Usage Billed",
    ];

    public static byte[] Revenue(string period, IEnumerable<RevenueByClientRow> rows) =>
        CsvFiles.Write(RevenueHeader, rows, (csv, row) =>
        {
            csv.WriteField(period);
            csv.WriteField(row.ClientId.ToString());
            csv.WriteField(row.ClientName);
            csv.WriteField(row.Currency);
            csv.WriteField(row.Invoices);
            csv.WriteField(row.Invoiced);
            csv.WriteField(row.UsageBilled);
            csv.WriteField(row.MrrAtEnd);
        });

    public static byte[] Payments(string period, IEnumerable<PaymentTrackingRow> rows) =>
        CsvFiles.Write(PaymentsHeader, rows, (csv, row) =>
        {
            csv.WriteField(period);
            csv.WriteField(row.ClientId.ToString());
            csv.WriteField(row.ClientName);
            csv.WriteField(row.Currency);
            csv.WriteField(row.Invoices);
            csv.WriteField(row.Invoiced);
            csv.WriteField(row.Paid);
            csv.WriteField(row.Outstanding);
            csv.WriteField(row.Overdue);
            csv.WriteField(row.PaidInFull);
            csv.WriteField(row.AverageDaysToPay);
        });

    public static byte[] FinancialSummary(string period, IEnumerable<FinancialSummaryMonth> rows) =>
        CsvFiles.Write(FinancialSummaryHeader, rows, (csv, row) =>
        {
            csv.WriteField(period);
            csv.WriteField(row.Month);
            csv.WriteField(row.Currency);
            csv.WriteField(row.Invoices);
            csv.WriteField(row.Invoiced);
            csv.WriteField(row.Paid);
            csv.WriteField(row.Outstanding);
            csv.WriteField(row.Overdue);
            csv.WriteField(row.MrrAtEnd);
            csv.WriteField(row.UsageBilled);
        });

    public static readonly string[] SubscriptionMonthsHeader =
    [
        "Period", "Month", "Currency", "Active at Start", "New", "Cancelled", "Churn Rate %", "MRR at Start",
        "MRR at End", "Net MRR Change",
    ];

    public static readonly string[] SubscriptionProductsHeader =
        ["Period", "Product ID", "Product", "Currency", "Subscriptions", "Licences", "Clients", "MRR"];

    public static readonly string[] SubscriptionTermsHeader =
        ["Period", "Billing Term", "Currency", "Subscriptions", "Licences", "MRR"];

    public static byte[] SubscriptionMonths(string period, IEnumerable<SubscriptionMonth> rows) =>
        CsvFiles.Write(SubscriptionMonthsHeader, rows, (csv, row) =>
        {
            csv.WriteField(period);
            csv.WriteField(row.Month);
            csv.WriteField(row.Currency);
            csv.WriteField(row.ActiveAtStart);
            csv.WriteField(row.New);
            csv.WriteField(row.Cancelled);
            csv.WriteField(row.ChurnRate);
            csv.WriteField(row.MrrAtStart);
            csv.WriteField(row.MrrAtEnd);
            csv.WriteField(row.NetMrrChange);
        });

    public static byte[] SubscriptionProducts(string period, IEnumerable<SubscriptionProduct> rows) =>
        CsvFiles.Write(SubscriptionProductsHeader, rows, (csv, row) =>
        {
            csv.WriteField(period);
            csv.WriteField(row.ProductId.ToString());
            csv.WriteField(row.ProductName);
            csv.WriteField(row.Currency);
            csv.WriteField(row.Subscriptions);
            csv.WriteField(row.Licences);
            csv.WriteField(row.Clients);
            csv.WriteField(row.Mrr);
        });

    public static byte[] SubscriptionTerms(string period, IEnumerable<SubscriptionTerm> rows) =>
        CsvFiles.Write(SubscriptionTermsHeader, rows, (csv, row) =>
        {
            csv.WriteField(period);
            csv.WriteField(row.BillingTerm);
            csv.WriteField(row.Currency);
            csv.WriteField(row.Subscriptions);
            csv.WriteField(row.Licences);
            csv.WriteField(row.Mrr);
        });
}

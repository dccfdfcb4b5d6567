using BillingOne.BuildingBlocks.Csv;

namespace BillingOne.Invoice.Apis;

/// <summary>
/// Invoices as CSV for spreadsheets. The columns are a contract for the files people keep: add at the end, never
/// reorder. Text from vendors opens as text, never as formulas.
/// </summary>
public static class InvoiceCsv
{
    public static readonly string[] Header =
    [
        "Invoice ID", "Source", "External ID", "Number", "Reference", "Contact", "Client ID", "Client", "Status",
        "Issued On", "Due On", "Currency", "Total", "Amount Due", "Amount Paid", "Vendor URL",
    ];

    public static byte[] Write(IEnumerable<InvoiceResponse> invoices) =>
        CsvFiles.Write(Header, invoices, (csv, invoice) =>
        {
            csv.WriteField(invoice.Id.ToString());
            csv.WriteField(invoice.Source);
            csv.WriteField(invoice.ExternalId);
            csv.WriteField(invoice.Number ?? "");
            csv.WriteField(invoice.Reference ?? "");
            csv.WriteField(invoice.ContactName);
            csv.WriteField(invoice.ClientId?.ToString() ?? "");
            csv.WriteField(invoice.ClientName ?? "");
            csv.WriteField(invoice.Status);
            csv.WriteField(CsvFiles.Date(invoice.IssuedOn));
            csv.WriteField(CsvFiles.Date(invoice.DueOn));
            csv.WriteField(invoice.Currency);
            csv.WriteField(invoice.Total);
            csv.WriteField(invoice.AmountDue);
            csv.WriteField(invoice.AmountPaid);
            csv.WriteField(invoice.VendorUrl ?? "");
        });
}

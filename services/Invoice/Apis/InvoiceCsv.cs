using System.Globalization;
using CsvHelper;

namespace BillingOne.Invoice.Apis;

/// <summary>
/// Invoices as CSV for spreadsheets. The columns are a contract for the files people keep: add at the end, never
/// reorder. Text from vendors opens as text, never as formulas.
/// </summary>
public static class InvoiceCsv
{
    public const string ContentType = "text/csv";

    public static readonly string[] Header =
    [
        "Invoice ID", "Source", "External ID", "Number", "Reference", "Contact", "Client ID", "Client", "Status",
        "Issued On", "Due On", "Currency", "Total", "Amount Due", "Amount Paid", "Vendor URL",
    ];

    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        Injection = CsvInjection.Escape,
        WriteByteOrderMark = true,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    public static byte[] Write(IEnumerable<InvoiceResponse> invoices)
    {
        using var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, Options, leaveOpen: true))
        {
            csv.WriteHeader(Header);
            foreach (var invoice in invoices)
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
                csv.WriteField(Date(invoice.IssuedOn));
                csv.WriteField(Date(invoice.DueOn));
                csv.WriteField(invoice.Currency);
                csv.WriteField(invoice.Total);
                csv.WriteField(invoice.AmountDue);
                csv.WriteField(invoice.AmountPaid);
                csv.WriteField(invoice.VendorUrl ?? "");
                csv.EndRecord();
            }
            csv.Flush();
        }
        return stream.ToArray();
    }

    private static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}

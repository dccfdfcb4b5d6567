using System.Globalization;
using CsvHelper;

namespace BillingOne.Reconciliation.Apis;

/// <summary>
/// How this service's lists are written as CSV for spreadsheets: a header row, one record per row, invariant numbers
/// and dates, a byte order mark for Excel, and names typed by people escaped so they open as text, never as formulas.
/// </summary>
public static class CsvFiles
{
    public const string ContentType = "text/csv";

    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        Injection = CsvInjection.Escape,
        WriteByteOrderMark = true,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    public static byte[] Write<T>(string[] header, IEnumerable<T> rows, Action<CsvWriter, T> writeRow)
    {
        using var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, Options, leaveOpen: true))
        {
            csv.WriteHeader(header);
            foreach (var row in rows)
            {
                writeRow(csv, row);
                csv.EndRecord();
            }
            csv.Flush();
        }
        return stream.ToArray();
    }

    public static string Date(DateTimeOffset? instant) =>
        instant?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}

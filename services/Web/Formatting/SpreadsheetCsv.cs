using System.Globalization;
using CsvHelper;

namespace BillingOne.Web.Formatting;

/// <summary>
/// The pages' own CSV downloads, written as the services write theirs: invariant numbers, a byte order mark so Excel
/// reads UTF-8 (accented names survive), and text typed by people escaped so a name starting with "=" opens as text,
/// never as a formula.
/// </summary>
public static class SpreadsheetCsv
{
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        Injection = CsvInjection.Escape,
        WriteByteOrderMark = true,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    public static async Task WriteAsync<T>(string[] header, IEnumerable<T> rows, Action<CsvWriter, T> writeRow,
        Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(writeRow);
        await using var csv = CsvWriter.Create(destination, Options, leaveOpen: true);
        csv.WriteHeader(header);
        foreach (var row in rows)
        {
            writeRow(csv, row);
            await csv.EndRecordAsync(cancellationToken);
        }

        await csv.FlushAsync(cancellationToken);
    }
}

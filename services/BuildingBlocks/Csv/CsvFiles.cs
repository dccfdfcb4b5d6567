using System.Globalization;
using CsvHelper;

namespace BillingOne.BuildingBlocks.Csv;

/// <summary>
/// How the services' lists are written as CSV for spreadsheets: a header row, one record per row, invariant numbers
/// and dates, a byte order mark so Excel reads UTF-8, and text typed by people or vendors escaped so it opens as text,
/// never as a formula. Each export's columns are a contract for the files people keep: add at the end, never reorder.
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
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(writeRow);
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

    /// <summary>A day as yyyy-MM-dd (UTC for an instant); empty for none.</summary>
    public static string Date(DateTimeOffset? instant) =>
        instant?.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    /// <summary>An instant as ISO 8601 in UTC to the second; empty for none.</summary>
    public static string Instant(DateTimeOffset? instant) =>
        instant?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "";
}

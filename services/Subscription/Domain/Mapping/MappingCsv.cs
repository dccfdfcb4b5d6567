using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace BillingOne.Subscription.Domain.Mapping;

/// <summary>
/// Reads a bulk mapping import: a CSV file with the header <c>vendor,vendor_id,client</c> (any case, any order;
/// the client column may be named <c>client_name</c> or <c>client_id</c>, other columns are ignored) and one vendor
/// account per row. Blank lines are skipped; rows keep their line numbers so problems can be reported by line.
/// </summary>
public static class MappingCsv
{
    public const int MaxRows = 10_000;

    private const string ExpectedHeader = "vendor,vendor_id,client";

    private static readonly string[] ClientColumns = ["client", "client_name", "client_id"];

    /// <summary>
    /// Parses an uploaded file: UTF-8 (Excel's "CSV UTF-8"), with or without a byte order mark, or UTF-16 with one. A
    /// file saved in a Windows code page (Excel's plain "CSV") is refused at its first such line: read as UTF-8, "Café"
    /// would become "Caf\uFFFD" and the row would name no client.
    /// </summary>
    public static MappingCsvParseResult Parse(byte[] file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var utf16 = file switch
        {
            [0xFF, 0xFE, ..] => new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true),
            [0xFE, 0xFF, ..] => new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true),
            _ => null,
        };
        if (utf16 is not null)
        {
            try
            {
                return Parse(new StringReader(utf16.GetString(file, 2, file.Length - 2)));
            }
            catch (DecoderFallbackException)
            {
                return Failure("The file is not valid UTF-16 text: save it as CSV UTF-8.");
            }
        }
        var utf8 = file.AsSpan(file is [0xEF, 0xBB, 0xBF, ..] ? 3 : 0);
        var text = new char[utf8.Length];
        if (Utf8.ToUtf16(utf8, text, out var read, out var written, replaceInvalidSequences: false)
            == OperationStatus.InvalidData)
        {
            var line = utf8[..read].Count((byte)'\n') + 1;
            return Failure($"Line {line}: the file is not UTF-8 text. Save it as CSV UTF-8 (in Excel: CSV UTF-8 (Comma delimited)).");
        }
        return Parse(new StringReader(new string(text, 0, written)));
    }

    public static MappingCsvParseResult Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var records = new CsvRecordReader(reader);
        var header = NextNonBlank(records);
        if (header is null)
        {
            return Failure(records.Error ?? $"The file is empty: the first line must be the header {ExpectedHeader}.");
        }
        var columns = header.Fields.Select(name => name.Trim().ToLowerInvariant()).ToList();
        var headerError = HeaderError(columns);
        if (headerError is not null)
        {
            return Failure($"Line {header.LineNumber}: {headerError}");
        }
        var vendorColumn = columns.IndexOf("vendor");
        var vendorIdColumn = columns.IndexOf("vendor_id");
        var clientColumn = columns.FindIndex(ClientColumns.Contains);

        var rows = new List<MappingCsvRow>();
        while (NextNonBlank(records) is { } record)
        {
            if (rows.Count == MaxRows)
            {
                return Failure($"The file has more than {MaxRows} rows: split it into files of at most {MaxRows}.");
            }
            rows.Add(new MappingCsvRow(record.LineNumber, Value(record, vendorColumn), Value(record, vendorIdColumn),
                Value(record, clientColumn)));
        }
        return records.Error is null ? new MappingCsvParseResult(rows, null) : Failure(records.Error);
    }

    private static string? HeaderError(List<string> columns)
    {
        var clientColumnCount = columns.Count(ClientColumns.Contains);
        if (!columns.Contains("vendor") || !columns.Contains("vendor_id") || clientColumnCount == 0)
        {
            return $"the header must name the columns {ExpectedHeader} (client may be client_name or client_id).";
        }
        if (clientColumnCount > 1)
        {
            return "the header names the client twice: use one of client, client_name or client_id.";
        }
        var repeated = columns.Where(name => name.Length > 0)
            .GroupBy(name => name)
            .FirstOrDefault(same => same.Count() > 1);
        return repeated is null ? null : $"the header names the column {repeated.Key} twice.";
    }

    private static CsvRecord? NextNonBlank(CsvRecordReader records)
    {
        while (records.Next() is { } record)
        {
            if (record.Fields.Count > 1 || record.Fields[0].Trim().Length > 0)
            {
                return record;
            }
        }
        return null;
    }

    private static string Value(CsvRecord record, int column) =>
        column < record.Fields.Count ? record.Fields[column].Trim() : string.Empty;

    private static MappingCsvParseResult Failure(string error) => new([], error);
}

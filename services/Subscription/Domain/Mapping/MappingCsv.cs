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

    /// <summary>Parses an uploaded file, decoded as <see cref="CsvText.Decode"/> says.</summary>
    public static MappingCsvParseResult Parse(byte[] file)
    {
        var (reader, error) = CsvText.Decode(file);
        return reader is null ? Failure(error!) : Parse(reader);
    }

    public static MappingCsvParseResult Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var records = new CsvRecordReader(reader);
        var header = records.NextNonBlank();
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
        while (records.NextNonBlank() is { } record)
        {
            if (rows.Count == MaxRows)
            {
                return Failure($"The file has more than {MaxRows} rows: split it into files of at most {MaxRows}.");
            }
            rows.Add(new MappingCsvRow(record.LineNumber, record.Value(vendorColumn), record.Value(vendorIdColumn),
                record.Value(clientColumn)));
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

    private static MappingCsvParseResult Failure(string error) => new([], error);
}

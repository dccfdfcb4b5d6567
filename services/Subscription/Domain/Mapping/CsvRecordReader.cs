using System.Text;

namespace BillingOne.Subscription.Domain.Mapping;

/// <summary>
/// Reads RFC 4180 records: comma-separated, fields optionally in double quotes with <c>""</c> for a quote, line
/// breaks CRLF, LF or CR, a leading byte order mark ignored. A quote inside an unquoted field is kept as text, as
/// spreadsheets write it; text after a closing quote or a quote left open is an error.
/// </summary>
internal sealed class CsvRecordReader(TextReader reader)
{
    private const int End = -1;

    private int line = 1;

    private bool started;

    /// <summary>Why reading stopped early, with the line; null while the file reads well.</summary>
    public string? Error { get; private set; }

    /// <summary>The next record, or null at the end of the file or on an <see cref="Error"/>.</summary>
    public CsvRecord? Next()
    {
        if (!started)
        {
            started = true;
            if (reader.Peek() == '\uFEFF')
            {
                reader.Read();
            }
        }
        var recordLine = line;
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        var afterClosingQuote = false;
        while (true)
        {
            var next = reader.Read();
            if (inQuotes)
            {
                switch (next)
                {
                    case End:
                        Error = $"Line {recordLine}: a quoted field is not closed.";
                        return null;
                    case '"' when reader.Peek() == '"':
                        reader.Read();
                        field.Append('"');
                        break;
                    case '"':
                        inQuotes = false;
                        afterClosingQuote = true;
                        break;
                    default:
                        field.Append((char)next);
                        if (next is '\r' or '\n')
                        {
                            ReadRestOfLineBreak(next, field);
                        }
                        break;
                }
                continue;
            }
            switch (next)
            {
                case End when fields.Count == 0 && field.Length == 0 && !afterClosingQuote:
                    return null;
                case End:
                    fields.Add(field.ToString());
                    return new CsvRecord(recordLine, fields);
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    afterClosingQuote = false;
                    break;
                case '\r' or '\n':
                    ReadRestOfLineBreak(next, null);
                    fields.Add(field.ToString());
                    return new CsvRecord(recordLine, fields);
                case '"' when field.Length == 0 && !afterClosingQuote:
                    inQuotes = true;
                    break;
                case var _ when afterClosingQuote:
                    Error = $"Line {line}: text follows the closing quote of a field.";
                    return null;
                default:
                    field.Append((char)next);
                    break;
            }
        }
    }

    /// <summary>The next record that is not a blank line, or null at the end or on an <see cref="Error"/>.</summary>
    public CsvRecord? NextNonBlank()
    {
        while (Next() is { } record)
        {
            if (record.Fields.Count > 1 || record.Fields[0].Trim().Length > 0)
            {
                return record;
            }
        }
        return null;
    }

    // Counts the line and takes the LF of a CRLF with its CR, into the quoted field that holds it if there is one.
    private void ReadRestOfLineBreak(int first, StringBuilder? quotedField)
    {
        line++;
        if (first == '\r' && reader.Peek() == '\n')
        {
            reader.Read();
            quotedField?.Append('\n');
        }
    }
}

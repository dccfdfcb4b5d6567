using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace BillingOne.Subscription.Domain.Mapping;

/// <summary>The text of an uploaded CSV file (the mapping and catalog imports).</summary>
public static class CsvText
{
    /// <summary>
    /// UTF-8 (Excel's "CSV UTF-8"), with or without a byte order mark, or UTF-16 with one. A file saved in a Windows code
    /// page (Excel's plain "CSV") is refused at its first such line: read as UTF-8, "Café" would become "Caf\uFFFD" and
    /// the row would name nothing known. Returns the text, or why it cannot be read.
    /// </summary>
    public static (TextReader? Reader, string? Error) Decode(byte[] file)
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
                return (new StringReader(utf16.GetString(file, 2, file.Length - 2)), null);
            }
            catch (DecoderFallbackException)
            {
                return (null, "The file is not valid UTF-16 text: save it as CSV UTF-8.");
            }
        }
        var utf8 = file.AsSpan(file is [0xEF, 0xBB, 0xBF, ..] ? 3 : 0);
        var text = new char[utf8.Length];
        if (Utf8.ToUtf16(utf8, text, out var read, out var written, replaceInvalidSequences: false)
            == OperationStatus.InvalidData)
        {
            var line = utf8[..read].Count((byte)'\n') + 1;
            return (null, $"Line {line}: the file is not UTF-8 text. Save it as CSV UTF-8 (in Excel: CSV UTF-8 (Comma delimited)).");
        }
        return (new StringReader(new string(text, 0, written)), null);
    }
}

using System.IO.Compression;
using System.Text;
using BillingOne.BuildingBlocks.Csv;
using BillingOne.Contracts.Money;
using BillingOne.Metering.Data;
using BillingOne.Metering.Domain;

namespace BillingOne.Metering.Apis;

/// <summary>A file the export answers with.</summary>
public sealed record ExportFile(string FileName, string ContentType, byte[] Content);

/// <summary>
/// A month's billing lines as CSV, one file per billing type (the bucket's source type), as a zip when there are
/// several. The columns are a contract for the spreadsheets and imports that read them: add at the end, never reorder.
/// </summary>
public static class BillingCsv
{
    public const string ZipContentType = "application/zip";

    /// <summary>The billing type of buckets that take every source.</summary>
    public const string AnySource = "any-source";

    public static readonly string[] Header =
    [
        "Client ID", "Client", "Bucket ID", "Bucket", "Billing Type", "Unit Type", "Aggregation", "Line", "Period",
        "Original Period", "Period Start", "Period End", "Usage", "Commit Units", "Commit Price (Period)", "Overage Units", "Overage",
        "Buffer Units", "Buffer", "Cost", "Currency", "Status", "Finalized At",
    ];

    public static ExportFile Export(BillingMonth month, IReadOnlyList<BillingLineView> lines)
    {
        ArgumentNullException.ThrowIfNull(month);
        var byType = lines.GroupBy(line => BillingTypeOf(line.SourceType), StringComparer.Ordinal)
            .OrderBy(group => group.Key, StringComparer.Ordinal).ToList();
        if (byType.Count == 1)
        {
            return new ExportFile($"billing-readings-{month}-{FileNamePart(byType[0].Key)}.csv", CsvFiles.ContentType,
                Write(byType[0]));
        }
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var group in byType)
            {
                // Two source types can spell the same file name ("rmm agent", "rmm-agent"): number the later one.
                var name = FileNamePart(group.Key);
                for (var suffix = 2; !names.Add(name); suffix++)
                {
                    name = $"{FileNamePart(group.Key)}-{suffix}";
                }
                var entry = archive.CreateEntry($"billing-readings-{month}-{name}.csv", CompressionLevel.Optimal);
                using var stream = entry.Open();
                stream.Write(Write(group));
            }
        }
        return new ExportFile($"billing-readings-{month}.zip", ZipContentType, zip.ToArray());
    }

    /// <summary>The billing type a bucket's lines are exported under: its source type, lower case.</summary>
    public static string BillingTypeOf(string? sourceType) =>
        sourceType is null ? AnySource : sourceType.ToLowerInvariant();

    /// <summary>Letters and digits of the billing type, the rest as single dashes: safe in any file system.</summary>
    public static string FileNamePart(string billingType)
    {
        var name = new StringBuilder(billingType.Length);
        foreach (var character in billingType)
        {
            if (char.IsAsciiLetterOrDigit(character))
            {
                name.Append(char.ToLowerInvariant(character));
            }
            else if (name.Length > 0 && name[^1] != '-')
            {
                name.Append('-');
            }
        }
        var trimmed = name.ToString().Trim('-');
        return trimmed.Length == 0 ? "other" : trimmed[..Math.Min(trimmed.Length, 60)];
    }

    private static byte[] Write(IEnumerable<BillingLineView> lines) =>
        CsvFiles.Write(Header, lines, (csv, line) =>
        {
            csv.WriteField(line.ClientId.ToString());
            csv.WriteField(line.ClientName ?? "");
            csv.WriteField(line.BucketId.ToString());
            csv.WriteField(line.BucketName);
            csv.WriteField(BillingTypeOf(line.SourceType));
            csv.WriteField(line.UnitTypeKey);
            csv.WriteField(line.Aggregation);
            csv.WriteField(line.Kind);
            csv.WriteField(line.Month.ToString());
            csv.WriteField(line.OriginalMonth?.ToString() ?? "");
            csv.WriteField(CsvFiles.Instant(line.PeriodStart));
            csv.WriteField(CsvFiles.Instant(line.PeriodEnd));
            csv.WriteField(Number(line.Usage));
            csv.WriteField(Number(line.CommitUnits));
            csv.WriteField(Amount(line.Base, line.Currency));
            csv.WriteField(Number(line.OverageUnits));
            csv.WriteField(Amount(line.Overage, line.Currency));
            csv.WriteField(Number(line.BufferUnits));
            csv.WriteField(Amount(line.Buffer, line.Currency));
            csv.WriteField(Amount(line.Cost, line.Currency));
            csv.WriteField(line.Currency);
            csv.WriteField(line.Status);
            csv.WriteField(CsvFiles.Instant(line.FinalizedAt));
        });

    // Amounts carry exactly their currency's minor units (12.50, JPY 1200, KWD 1.250). Numbers are written as numbers,
    // not text, so the formula escaping of names leaves a negative adjustment's "-60.00" alone.
    private static decimal Amount(decimal amount, string currency) => Decimals.Amount(amount, currency);

    // Stored usage keeps the scale of its sums (80.000000): written without the trailing zeros.
    private static decimal Number(decimal value) => Decimals.AtLeast(value, 0);

}

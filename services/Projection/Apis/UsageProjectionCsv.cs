using System.Globalization;
using CsvHelper;

namespace BillingOne.Projection.Apis;

/// <summary>
/// The Projections list as CSV: a header row, one bucket per row, invariant numbers and instants, a byte order mark for
/// Excel, and names people typed escaped so they open as text, never as formulas. The columns are a contract for the
/// files people keep: add at the end, never reorder.
/// </summary>
public static class UsageProjectionCsv
{
    public const string ContentType = "text/csv";

    public static readonly string[] Header =
    [
        "Client ID", "Client", "Bucket ID", "Bucket", "Unit Type", "Aggregation", "Period", "Current Usage",
        "Projected Usage", "Commit Units", "Projected Cost", "Currency", "% of Commit", "Status", "Method",
        "Calculated At",
    ];

    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        Injection = CsvInjection.Escape,
        WriteByteOrderMark = true,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    public static byte[] Write(IEnumerable<UsageProjectionResponse> projections)
    {
        using var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, Options, leaveOpen: true))
        {
            csv.WriteHeader(Header);
            foreach (var projection in projections)
            {
                csv.WriteField(projection.ClientId.ToString());
                csv.WriteField(projection.ClientName ?? "");
                csv.WriteField(projection.BucketId.ToString());
                csv.WriteField(projection.BucketName);
                csv.WriteField(projection.UnitTypeKey);
                csv.WriteField(projection.Aggregation);
                csv.WriteField($"{projection.Year:D4}-{projection.Month:D2}");
                csv.WriteField(projection.CurrentUsage);
                csv.WriteField(projection.ProjectedUsage);
                csv.WriteField(projection.CommitUnits);
                csv.WriteField(projection.ProjectedCost);
                csv.WriteField(projection.Currency);
                csv.WriteField(projection.PercentOfCommit);
                csv.WriteField(projection.Status);
                csv.WriteField(projection.Method);
                csv.WriteField(projection.CalculatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                csv.EndRecord();
            }
            csv.Flush();
        }
        return stream.ToArray();
    }
}

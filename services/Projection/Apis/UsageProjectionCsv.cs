using BillingOne.BuildingBlocks.Csv;

namespace BillingOne.Projection.Apis;

/// <summary>
/// The Projections list as CSV: a header row, one bucket per row, invariant numbers and instants, a byte order mark for
/// Excel, and names people typed escaped so they open as text, never as formulas. The columns are a contract for the
/// files people keep: add at the end, never reorder.
/// </summary>
public static class UsageProjectionCsv
{
    public static readonly string[] Header =
    [
        "Client ID", "Client", "Bucket ID", "Bucket", "Unit Type", "Aggregation", "Period", "Current Usage",
        "Projected Usage", "Commit Units", "Projected Cost", "Currency", "% of Commit", "Status", "Method",
        "Calculated At",
    ];

    public static byte[] Write(IEnumerable<UsageProjectionResponse> projections) =>
        CsvFiles.Write(Header, projections, (csv, projection) =>
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
            csv.WriteField(CsvFiles.Instant(projection.CalculatedAt));
        });
}

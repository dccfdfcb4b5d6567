using BillingOne.BuildingBlocks.Csv;

namespace BillingOne.Metering.Apis;

/// <summary>
/// The usage anomalies as CSV, in the list's order. The columns are a contract for the files people keep: add at the
/// end, never reorder.
/// </summary>
public static class UsageAnomalyCsv
{
    public static readonly string[] Header =
    [
        "Asset ID", "Source", "External ID", "Asset", "Client ID", "Client", "Bucket ID", "Bucket", "Unit Type", "Kind",
        "Day", "Expected", "Observed", "Estimated Impact", "Currency", "Explanation",
    ];

    public static byte[] Write(IEnumerable<UsageAnomalyResponse> anomalies) =>
        CsvFiles.Write(Header, anomalies, (csv, anomaly) =>
        {
            csv.WriteField(anomaly.AssetId.ToString());
            csv.WriteField(anomaly.Source);
            csv.WriteField(anomaly.ExternalId);
            csv.WriteField(anomaly.AssetName ?? "");
            csv.WriteField(anomaly.ClientId?.ToString() ?? "");
            csv.WriteField(anomaly.ClientName ?? "");
            csv.WriteField(anomaly.BucketId.ToString());
            csv.WriteField(anomaly.BucketName);
            csv.WriteField(anomaly.UnitTypeKey);
            csv.WriteField(anomaly.Kind);
            csv.WriteField(CsvFiles.Date(anomaly.Day));
            csv.WriteField(anomaly.Expected);
            csv.WriteField(anomaly.Observed);
            csv.WriteField(anomaly.EstimatedImpact);
            csv.WriteField(anomaly.Currency);
            csv.WriteField(anomaly.Explanation);
        });
}

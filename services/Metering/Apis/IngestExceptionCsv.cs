using BillingOne.BuildingBlocks.Csv;

namespace BillingOne.Metering.Apis;

/// <summary>
/// The ingest exceptions as CSV, newest first. The columns are a contract for the files people keep: add at the end,
/// never reorder.
/// </summary>
public static class IngestExceptionCsv
{
    public static readonly string[] Header =
    [
        "Detected At", "Kind", "Reading ID", "Client ID", "Client", "Differences", "Kept Asset Source",
        "Kept Asset External ID", "Kept Unit Type", "Kept Quantity", "Kept Observed At", "Kept Description",
        "Kept Batch ID", "Sent Asset Source", "Sent Asset External ID", "Sent Unit Type", "Sent Quantity",
        "Sent Observed At", "Sent Description", "Sent Batch ID", "Sent Received At", "Sent By",
    ];

    public static byte[] Write(IEnumerable<IngestExceptionResponse> exceptions) =>
        CsvFiles.Write(Header, exceptions, (csv, exception) =>
        {
            csv.WriteField(CsvFiles.Instant(exception.DetectedAt));
            csv.WriteField(exception.Kind);
            csv.WriteField(exception.ReadingId);
            csv.WriteField(exception.ClientId?.ToString() ?? "");
            csv.WriteField(exception.ClientName ?? "");
            csv.WriteField(string.Join(" ", exception.Differences));
            WritePayload(csv, exception.Kept, exception.KeptBatchId);
            WritePayload(csv, exception.Sent, exception.BatchId);
            csv.WriteField(CsvFiles.Instant(exception.ReceivedAt));
            csv.WriteField(exception.SentBy.ToString());
        });

    private static void WritePayload(CsvHelper.CsvWriter csv, IngestedReadingPayload payload, Guid batchId)
    {
        csv.WriteField(payload.AssetSource);
        csv.WriteField(payload.AssetExternalId);
        csv.WriteField(payload.UnitTypeKey);
        csv.WriteField(payload.Quantity);
        csv.WriteField(CsvFiles.Instant(payload.ObservedAt));
        csv.WriteField(payload.Description ?? "");
        csv.WriteField(batchId.ToString());
    }
}

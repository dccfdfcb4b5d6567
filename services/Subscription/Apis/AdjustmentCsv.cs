using BillingOne.BuildingBlocks.Csv;

namespace BillingOne.Subscription.Apis;

/// <summary>
/// Licence adjustments as CSV: what was proposed, approved and applied, by whom and when. The columns are a contract
/// for the files people keep: add at the end, never reorder.
/// </summary>
public static class AdjustmentCsv
{
    public static readonly string[] Header =
    [
        "Adjustment ID", "Client ID", "Subscription ID", "Product", "Devices", "Quantity Before", "Proposed Quantity",
        "Approved Quantity", "Quantity After", "State", "Error", "Attempts", "Proposed By", "Proposed At", "Approved By",
        "Approved At", "Applied At",
    ];

    public static byte[] Write(IEnumerable<AdjustmentResponse> adjustments) =>
        CsvFiles.Write(Header, adjustments, (csv, adjustment) =>
        {
            csv.WriteField(adjustment.Id.ToString());
            csv.WriteField(adjustment.ClientId.ToString());
            csv.WriteField(adjustment.SubscriptionId.ToString());
            csv.WriteField(adjustment.ProductName ?? "");
            csv.WriteField(adjustment.Devices);
            csv.WriteField(adjustment.QuantityBefore);
            csv.WriteField(adjustment.ProposedQuantity);
            csv.WriteField(adjustment.ApprovedQuantity?.ToString() ?? "");
            csv.WriteField(adjustment.QuantityAfter?.ToString() ?? "");
            csv.WriteField(adjustment.State);
            csv.WriteField(adjustment.Error ?? "");
            csv.WriteField(adjustment.Attempts);
            csv.WriteField(adjustment.ProposedBy);
            csv.WriteField(CsvFiles.Instant(adjustment.ProposedAt));
            csv.WriteField(adjustment.ApprovedBy ?? "");
            csv.WriteField(CsvFiles.Instant(adjustment.ApprovedAt));
            csv.WriteField(CsvFiles.Instant(adjustment.AppliedAt));
        });
}

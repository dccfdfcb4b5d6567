namespace BillingOne.Web.Api;

// The web UI's view of the subscription service's licence adjustments (issue 19):
//   GET  /api/subscription/adjustments?clientId=&state=proposed,failed  -> PagedList<LicenceAdjustment>
//   POST /api/subscription/adjustments { clientId, devices }            -> LicenceAdjustmentProposal
//   POST /api/subscription/adjustments/{id}/approve { quantity? }       -> LicenceAdjustment
//   POST /api/subscription/adjustments/{id}/retry                       -> LicenceAdjustment
//   POST /api/subscription/adjustments/{id}/dismiss                     -> LicenceAdjustment
//   GET  /api/subscription/adjustments/export?clientId=                 -> text/csv
//   POST /api/subscription/adjustments/approve { ids }                  -> BulkApproval

/// <summary>A proposed (or approved) change of one Pax8 subscription's quantity; <see cref="State"/> is one of <see cref="LicenceAdjustmentStates"/>.</summary>
public sealed record LicenceAdjustment(
    Guid Id,
    Guid ClientId,
    Guid SubscriptionId,
    string? ProductName,
    int QuantityBefore,
    int ProposedQuantity,
    int? ApprovedQuantity,
    int? QuantityAfter,
    string State,
    string? Error,
    int Attempts);

public sealed record LicenceAdjustmentProposal(LicenceAdjustment Adjustment, int RemainingVariance);

/// <param name="ProductId">The covering product to adjust, with its covered devices as <paramref name="Devices"/>; null weighs every per-device product.</param>
public sealed record ProposeAdjustmentRequest(Guid ClientId, int Devices, Guid? ProductId = null);

public sealed record ApproveAdjustmentRequest(int? Quantity);

public sealed record BulkApproveRequest(IReadOnlyList<Guid> Ids);

public sealed record BulkApprovalRow(Guid Id, string? State, int? QuantityAfter, string? Error);

public sealed record BulkApproval(IReadOnlyList<BulkApprovalRow> Results, int Applied, int Failed);

public static class LicenceAdjustmentStates
{
    public const string Proposed = "proposed";
    public const string Applying = "applying";
    public const string Applied = "applied";
    public const string Failed = "failed";
    public const string Dismissed = "dismissed";

    public const string Path = "api/subscription/adjustments";
}

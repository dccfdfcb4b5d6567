using System.ComponentModel;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.Subscription.Domain.Licensing;
using Microsoft.AspNetCore.Mvc;

namespace BillingOne.Subscription.Apis;

public sealed record AdjustmentListParameters(
    [property: Description("Only this client's adjustments.")]
    [FromQuery(Name = "clientId")] string? ClientId,
    [property: Description("proposed, applying, applied, failed or dismissed; comma-separated for several.")]
    [FromQuery(Name = "state")] string? State)
{
    /// <summary>The client and states to keep (none: every state); a bad value is an error naming its field.</summary>
    public (Guid? ClientId, IReadOnlyList<string> States) Parse(Dictionary<string, string[]> errors)
    {
        var clientId = QueryValues.ParseGuid(ClientId, "clientId", errors);
        var states = (State ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(state => state.ToLowerInvariant()).Distinct().ToList();
        if (states.Any(state => !LicenceAdjustmentStates.All.Contains(state)))
        {
            errors["state"] = [$"state must be one or more of {string.Join(", ", LicenceAdjustmentStates.All)}."];
        }
        return (clientId, states);
    }
}

public sealed record ProposeAdjustmentRequest(
    [property: Description("The client whose device variance to remove.")] Guid? ClientId,
    [property: Description("The devices to license for, 0 or more: the product's covered devices in reconciliation's " +
        "drill-down when productId is given, else the client's devices.")] int? Devices,
    [property: Description("The covering product to adjust (reconciliation compares product by product); omitted, the " +
        "client's per-device subscriptions of every product are weighed together.")] Guid? ProductId = null);

public sealed record ApproveAdjustmentRequest(
    [property: Description("The quantity to set in Pax8 instead of the proposed one, 0–100000; omit to approve the proposal.")]
    int? Quantity);

public sealed record BulkApproveRequest(
    [property: Description("The proposals to approve (at most 200); omit to approve every proposal, of clientId if given.")]
    IReadOnlyList<Guid>? Ids,
    [property: Description("With no ids: only this client's proposals.")] Guid? ClientId);

/// <summary>
/// A licence adjustment: the Pax8 subscription (and product) whose quantity changes from <c>quantityBefore</c> (as
/// last synced) to <c>proposedQuantity</c>, or the <c>approvedQuantity</c> a person set; <c>quantityAfter</c> is what
/// Pax8 answered once applied. <c>state</c> is proposed, applying, applied, failed (<c>error</c> says why; retry it) or
/// dismissed.
/// </summary>
public sealed record AdjustmentResponse(
    Guid Id,
    Guid ClientId,
    Guid SubscriptionId,
    Guid ProductId,
    string? ProductName,
    int Devices,
    int QuantityBefore,
    int ProposedQuantity,
    int? ApprovedQuantity,
    int? QuantityAfter,
    string State,
    string? Error,
    int Attempts,
    string ProposedBy,
    DateTimeOffset ProposedAt,
    string? ApprovedBy,
    DateTimeOffset? ApprovedAt,
    DateTimeOffset? AppliedAt)
{
    public static AdjustmentResponse From(LicenceAdjustment adjustment) => new(adjustment.Id, adjustment.ClientId,
        adjustment.SubscriptionId, adjustment.ProductId, adjustment.ProductName, adjustment.Devices,
        adjustment.QuantityBefore, adjustment.ProposedQuantity, adjustment.ApprovedQuantity, adjustment.QuantityAfter,
        adjustment.State, adjustment.Error, adjustment.Attempts, adjustment.ProposedBy, adjustment.ProposedAt,
        adjustment.ApprovedBy, adjustment.ApprovedAt, adjustment.AppliedAt);
}

/// <summary>A new proposal, and the variance left after it when one subscription cannot remove it all.</summary>
public sealed record ProposalResponse(AdjustmentResponse Adjustment, int RemainingVariance);

/// <summary>One row of a bulk approval: its final state, and why it failed or was not approved.</summary>
public sealed record BulkApproveRowResult(Guid Id, string? State, int? QuantityAfter, string? Error);

public sealed record BulkApproveResponse(IReadOnlyList<BulkApproveRowResult> Results, int Applied, int Failed);

namespace BillingOne.Subscription.Domain.Licensing;

/// <summary>
/// Where a licence adjustment is: <c>proposed</c> (waiting for approval), <c>applying</c> (approved and recorded
/// before Pax8 is called; a crash leaves it here to retry), <c>applied</c>, <c>failed</c> (with the reason; retryable)
/// or <c>dismissed</c> (a person decided against a proposal or a failed change; nothing was sent).
/// </summary>
public static class LicenceAdjustmentStates
{
    public const string Proposed = "proposed";
    public const string Applying = "applying";
    public const string Applied = "applied";
    public const string Failed = "failed";
    public const string Dismissed = "dismissed";

    public static readonly IReadOnlyList<string> All = [Proposed, Applying, Applied, Failed, Dismissed];

    /// <summary>The states a retry starts from: a failure, or an application a crash interrupted.</summary>
    public static readonly IReadOnlyList<string> Retryable = [Failed, Applying];

    /// <summary>The states a dismissal starts from: never one being applied, whose outcome Pax8 may already hold.</summary>
    public static readonly IReadOnlyList<string> Dismissable = [Proposed, Failed];

    /// <summary>The largest quantity an approval may set.</summary>
    public const int MaxQuantity = 100_000;
}

/// <summary>One stored licence adjustment (see the table <c>licence_adjustments</c>).</summary>
public sealed record LicenceAdjustment(
    Guid Id,
    Guid OrgId,
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
    DateTimeOffset? AppliedAt);

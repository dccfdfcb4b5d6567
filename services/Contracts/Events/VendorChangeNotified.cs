namespace BillingOne.Contracts.Events;

/// <summary>
/// A vendor told us, through a signed webhook the ingestion service received, that some of its records changed. The
/// service owning that vendor's integration queues a sync of just those records (trigger <c>webhook-triggered</c>).
/// Delivery is at least once and a vendor may repeat an event: consumers must be idempotent.
/// </summary>
/// <param name="Vendor"><c>xero</c> or <c>pax8</c>.</param>
/// <param name="ReceiptId">The stored webhook delivery (ingestion's <c>webhook_receipts</c>) this came from.</param>
public sealed record VendorChangeNotified(
    Guid OrgId,
    string Vendor,
    Guid ReceiptId,
    DateTimeOffset ReceivedAt,
    IReadOnlyList<VendorChange> Changes) : IIntegrationEvent
{
    public IReadOnlyList<string> Validate() => new EventProblems(nameof(VendorChangeNotified))
        .Require(OrgId != Guid.Empty && ReceiptId != Guid.Empty, "must carry an organization id and a receipt id.")
        .Require(!string.IsNullOrWhiteSpace(Vendor), $"{ReceiptId} names no vendor.")
        .Require(Changes is not null && Changes.All(change => !string.IsNullOrWhiteSpace(change.ResourceType)
                && !string.IsNullOrWhiteSpace(change.ResourceId)),
            $"{ReceiptId} lists a change without a resource type or id.")
        .ToList();
}

/// <param name="ResourceType">What changed, singular and lower case: <c>invoice</c>, <c>contact</c>, <c>subscription</c>…</param>
/// <param name="ResourceId">The vendor's id of the record.</param>
/// <param name="EventType">The vendor's word for the change, lower case: <c>create</c>, <c>update</c>, <c>delete</c>…</param>
public sealed record VendorChange(string ResourceType, string ResourceId, string EventType);

/// <summary>The resource types of Pax8's changes, as ingestion reads them from a delivery (docs/vendors.md).</summary>
public static class Pax8Resources
{
    /// <summary>Something in the partner account changed, Pax8 does not say what: the id is the account's.</summary>
    public const string Account = "account";

    /// <summary>One subscription changed: the id is the subscription's.</summary>
    public const string Subscription = "subscription";
}

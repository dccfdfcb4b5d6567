namespace BillingOne.Contracts.Events;

/// <summary>
/// A Pax8 sync applied what changed in the organization's companies, products and subscriptions. Read models that
/// show licences (clients' MRR, reconciliation) reload them from the subscription service's API.
/// </summary>
/// <param name="ActiveSubscriptions">Those Pax8 calls active that have started: one bought ahead counts from its start date.</param>
public sealed record SubscriptionsSynced(
    Guid OrgId,
    Guid SyncRunId,
    DateTimeOffset SyncedAt,
    int SubscriptionsAdded,
    int SubscriptionsChanged,
    int SubscriptionsRemoved,
    int ActiveSubscriptions) : IIntegrationEvent
{
    public IReadOnlyList<string> Validate() => new EventProblems(nameof(SubscriptionsSynced))
        .Require(OrgId != Guid.Empty && SyncRunId != Guid.Empty, "must carry an organization id and a sync run id.")
        .Require(SubscriptionsAdded >= 0 && SubscriptionsChanged >= 0 && SubscriptionsRemoved >= 0 && ActiveSubscriptions >= 0,
            "has a negative count.")
        .ToList();
}

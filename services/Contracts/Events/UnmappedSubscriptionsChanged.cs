namespace BillingOne.Contracts.Events;

/// <summary>
/// The subscriptions of the Pax8 companies mapped to no client changed (a sync, a mapping made or undone), or were asked
/// for again (read-model rebuilds). The overview's MRR is that of all active subscriptions: the clients' MRR plus the
/// MRR of these lines (docs/domain.md "One figure, one definition"). <see cref="Version"/> grows with every
/// publication of the organization's list: read copies keep the highest and replace the whole list.
/// </summary>
/// <param name="Subscriptions">Every subscription of an unmapped company, removed and cancelled ones too (by id).</param>
public sealed record UnmappedSubscriptionsChanged(
    Guid OrgId,
    long Version,
    DateTimeOffset ComputedAt,
    IReadOnlyList<ClientSubscriptionLine> Subscriptions) : IIntegrationEvent
{
    public IReadOnlyList<string> Validate() => new EventProblems(nameof(UnmappedSubscriptionsChanged))
        .Require(OrgId != Guid.Empty, "must carry an organization id.")
        .Require(Version >= 1, $"has version {Version}; versions start at 1.")
        .Require(Subscriptions is not null && Subscriptions.All(ClientSubscriptionLine.IsWellFormed),
            "has a subscription line without an id, with a negative quantity or without an ISO 4217 currency.")
        .ToList();
}

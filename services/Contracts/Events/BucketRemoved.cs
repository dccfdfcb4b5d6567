namespace BillingOne.Contracts.Events;

/// <summary>
/// A bucket was deleted in metering; read models built from its BucketUsageObserved events drop its rows.
/// </summary>
public sealed record BucketRemoved(Guid OrgId, Guid BucketId, DateTimeOffset RemovedAt) : IIntegrationEvent
{
    public IReadOnlyList<string> Validate() => new EventProblems(nameof(BucketRemoved))
        .Require(OrgId != Guid.Empty && BucketId != Guid.Empty, "must carry an organization id and a bucket id.")
        .ToList();
}

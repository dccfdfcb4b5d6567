namespace BillingOne.Contracts.Events;

/// <summary>
/// A bucket was deleted in metering; read models built from its BucketUsageObserved events drop its rows.
/// </summary>
public sealed record BucketRemoved(Guid OrgId, Guid BucketId, DateTimeOffset RemovedAt);

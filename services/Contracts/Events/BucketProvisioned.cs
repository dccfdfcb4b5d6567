namespace BillingOne.Contracts.Events;

/// <summary>
/// Auto-provisioning created a billing bucket from a unit type template; it stays unreviewed until a person
/// reviews it.
/// </summary>
public sealed record BucketProvisioned(
    Guid OrgId,
    Guid BucketId,
    Guid ClientId,
    Guid UnitTypeId,
    string Name,
    int BoundAssets,
    DateTimeOffset CreatedAt);

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
    DateTimeOffset CreatedAt) : IIntegrationEvent
{
    public IReadOnlyList<string> Validate() => new EventProblems(nameof(BucketProvisioned))
        .Require(OrgId != Guid.Empty && BucketId != Guid.Empty && ClientId != Guid.Empty && UnitTypeId != Guid.Empty,
            "must carry an organization id, a bucket id, a client id and a unit type id.")
        .Require(!string.IsNullOrWhiteSpace(Name) && BoundAssets >= 0,
            $"for bucket {BucketId} has no name or a negative count of bound assets.")
        .ToList();
}

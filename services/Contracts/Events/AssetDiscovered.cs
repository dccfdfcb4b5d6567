namespace BillingOne.Contracts.Events;

/// <summary>Metering saw readings from an asset for the first time.</summary>
/// <param name="ClientId">The client the asset was assigned to on discovery, null when unassigned.</param>
public sealed record AssetDiscovered(
    Guid OrgId,
    Guid AssetId,
    string Source,
    string ExternalId,
    Guid? ClientId,
    DateTimeOffset FirstSeenAt) : IIntegrationEvent
{
    public IReadOnlyList<string> Validate() => new EventProblems(nameof(AssetDiscovered))
        .Require(OrgId != Guid.Empty && AssetId != Guid.Empty, "must carry an organization id and an asset id.")
        .Require(!string.IsNullOrEmpty(Source) && !string.IsNullOrEmpty(ExternalId),
            $"for asset {AssetId} has no source or external id.")
        .ToList();
}

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
    public IReadOnlyList<string> Validate() => EventProblems.OfAssetEvent(nameof(AssetDiscovered), OrgId, AssetId, Source, ExternalId);
}

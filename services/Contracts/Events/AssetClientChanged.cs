namespace BillingOne.Contracts.Events;

/// <summary>
/// An asset's client changed after its discovery: a person assigned or unassigned it, or a new assignment rule
/// claimed it. Ingestion keeps the asset's client so that a client-scoped key can send readings only for its own
/// client's assets.
/// </summary>
/// <param name="ClientId">The client the asset belongs to now, null when unassigned.</param>
public sealed record AssetClientChanged(
    Guid OrgId,
    Guid AssetId,
    string Source,
    string ExternalId,
    Guid? ClientId,
    DateTimeOffset ChangedAt) : IIntegrationEvent
{
    public IReadOnlyList<string> Validate() => EventProblems.OfAssetEvent(nameof(AssetClientChanged), OrgId, AssetId, Source, ExternalId);
}

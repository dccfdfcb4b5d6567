namespace BillingOne.Contracts.Events;

/// <summary>
/// A metering unit type was created, changed or deleted. Ingestion keeps the set of known unit type keys from
/// these; <see cref="ChangedAt"/> orders them, so a consumer ignores a change older than the one it holds
/// (deletions are kept as tombstones for that reason).
/// </summary>
public sealed record UnitTypeChanged(
    Guid OrgId,
    Guid UnitTypeId,
    string Key,
    bool Deleted,
    DateTimeOffset ChangedAt) : IIntegrationEvent
{
    public IReadOnlyList<string> Validate() => new EventProblems(nameof(UnitTypeChanged))
        .Require(OrgId != Guid.Empty && UnitTypeId != Guid.Empty, "must carry an organization id and a unit type id.")
        .Require(!string.IsNullOrWhiteSpace(Key), $"for unit type {UnitTypeId} has no key.")
        .ToList();
}

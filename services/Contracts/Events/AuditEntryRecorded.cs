namespace BillingOne.Contracts.Events;

/// <summary>
/// A service recorded a mutation in its append-only audit log; the projection keeps the organization-wide
/// Audit Log from these. Old and new values are JSON documents.
/// </summary>
public sealed record AuditEntryRecorded(
    Guid OrgId,
    long EntryId,
    string Service,
    string Action,
    string Table,
    string RecordId,
    string ActorType,
    Guid ActorId,
    Guid? ApiKeyId,
    string? OldValues,
    string? NewValues,
    DateTimeOffset CreatedAt) : IIntegrationEvent
{
    public IReadOnlyList<string> Validate() => new EventProblems(nameof(AuditEntryRecorded))
        .Require(OrgId != Guid.Empty && EntryId > 0, "must carry an organization id and an entry id.")
        .Require(!string.IsNullOrWhiteSpace(Service), $"{EntryId} names no service.")
        .ToList();
}

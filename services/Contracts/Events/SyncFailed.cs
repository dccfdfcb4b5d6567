namespace BillingOne.Contracts.Events;

/// <summary>
/// A vendor sync ended without applying anything (the vendor refused, timed out, the settings are missing, or the
/// service stopped mid-run): identity's notifications tell the organization's people (Settings → notifications).
/// </summary>
/// <param name="Integration">The integration's key, as Settings → Integrations and the sync history name it.</param>
/// <param name="Error">What went wrong, as the sync history shows it.</param>
/// <param name="IntegrationName">
/// The integration's name as people know it, from the integration itself (its display name; the RMM's is its vendor's,
/// e.g. NinjaOne). Null from a publisher that did not know it (or predates it): show <see cref="Integration"/> then.
/// </param>
public sealed record SyncFailed(
    Guid OrgId,
    Guid RunId,
    string Integration,
    string Error,
    DateTimeOffset FailedAt,
    string? IntegrationName = null) : IIntegrationEvent
{
    public IReadOnlyList<string> Validate() => new EventProblems(nameof(SyncFailed))
        .Require(OrgId != Guid.Empty && RunId != Guid.Empty, "must carry an organization id and a run id.")
        .Require(!string.IsNullOrWhiteSpace(Integration), "has no integration.")
        .Require(!string.IsNullOrWhiteSpace(Error), "has no error.")
        .ToList();
}

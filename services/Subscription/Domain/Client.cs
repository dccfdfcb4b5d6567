namespace BillingOne.Subscription.Domain;

/// <summary>
/// A client of the organization (one of the MSP's customers). <see cref="Version"/> starts at 1 and grows by
/// one with every change, so consumers of <c>ClientUpserted</c> can tell newer state from older.
/// </summary>
public sealed record Client(
    Guid OrgId,
    Guid Id,
    string Name,
    bool Enabled,
    string TimeZone,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    /// <summary>A new client: enabled, at version 1.</summary>
    public static Client Create(Guid orgId, Guid id, NewClient newClient, DateTimeOffset now) =>
        new(orgId, id, newClient.Name, Enabled: true, newClient.TimeZone, Version: 1, now, now);

    /// <summary>
    /// This client with <paramref name="changes"/> applied as the next version, changed at <paramref name="now"/>;
    /// null when they change nothing (a repeated rename or enabling an enabled client is a no-op: no new version, no
    /// event).
    /// </summary>
    public Client? Apply(ClientChanges changes, DateTimeOffset now)
    {
        var changed = this with
        {
            Name = changes.Name ?? Name,
            TimeZone = changes.TimeZone ?? TimeZone,
            Enabled = changes.Enabled ?? Enabled,
        };
        return changed == this ? null : changed with { Version = Version + 1, UpdatedAt = now };
    }
}

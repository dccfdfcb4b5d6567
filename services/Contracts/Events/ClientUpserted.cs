namespace BillingOne.Contracts.Events;

/// <summary>
/// A client was created or changed in the subscription service. <see cref="Version"/> grows with every
/// change so read models can drop events that arrive out of order.
/// </summary>
public sealed record ClientUpserted(
    Guid OrgId,
    Guid ClientId,
    string Name,
    bool Enabled,
    string TimeZone,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt) : IIntegrationEvent
{
    public IReadOnlyList<string> Validate() => new EventProblems(nameof(ClientUpserted))
        .Require(OrgId != Guid.Empty && ClientId != Guid.Empty, "must carry an organization id and a client id.")
        .Require(!string.IsNullOrWhiteSpace(Name) && !string.IsNullOrWhiteSpace(TimeZone),
            $"for client {ClientId} has no name or time zone.")
        .Require(Version >= 1, $"for client {ClientId} has version {Version}; versions start at 1.")
        .ToList();
}

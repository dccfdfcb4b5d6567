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
    DateTimeOffset UpdatedAt);

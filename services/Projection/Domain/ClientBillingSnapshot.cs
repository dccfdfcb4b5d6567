namespace BillingOne.Projection.Domain;

/// <summary>
/// A row of the Clients screen: the client and its billing figures. MRR is in <see cref="MrrCurrency"/>
/// (ISO 4217), null while the client has no subscription to take a currency from.
/// </summary>
public sealed record ClientBillingSnapshot(
    Guid ClientId,
    string Name,
    bool Enabled,
    string TimeZone,
    decimal MrrAmount,
    string? MrrCurrency,
    int Subscriptions,
    int Devices,
    int Licenses,
    ClientBillingStatus Status,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Devices − licences (positive = under-licensed); unknown until a reconciliation snapshot exists.</summary>
    public int? Variance => Status == ClientBillingStatus.NoData ? null : Devices - Licenses;
}

namespace BillingOne.Contracts.Events;

/// <summary>
/// A vendor account (a Pax8 company, an RMM organization, a Xero contact…) was mapped to a client, moved to another, or unmapped
/// (<see cref="ClientId"/> null). <see cref="ChangedAt"/> orders changes of the same account for read copies.
/// </summary>
/// <param name="Vendor"><c>pax8</c>, <c>rmm</c>, <c>xero</c>, <c>superops</c> or <c>synergy</c>.</param>
/// <param name="Method"><c>auto</c>, <c>manual</c>, <c>import</c> or <c>created</c>; null when unmapped.</param>
public sealed record ClientMappingChanged(
    Guid OrgId,
    string Vendor,
    string ExternalId,
    Guid? ClientId,
    string? Method,
    DateTimeOffset ChangedAt) : IIntegrationEvent
{
    public IReadOnlyList<string> Validate() => new EventProblems(nameof(ClientMappingChanged))
        .Require(OrgId != Guid.Empty, "must carry an organization id.")
        .Require(!string.IsNullOrWhiteSpace(Vendor) && !string.IsNullOrWhiteSpace(ExternalId),
            "must name the vendor and the external id it maps.")
        .ToList();
}

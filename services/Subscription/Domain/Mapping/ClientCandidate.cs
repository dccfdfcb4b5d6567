namespace BillingOne.Subscription.Domain.Mapping;

/// <summary>A BillingOne client that a vendor account may belong to.</summary>
public sealed record ClientCandidate(Guid ClientId, string Name);

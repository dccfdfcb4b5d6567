namespace BillingOne.Subscription.Domain.Mapping;

/// <summary>An account at a vendor (a Pax8 company, an RMM organization) as the vendor names it.</summary>
public sealed record VendorAccountName(string VendorId, string Name);

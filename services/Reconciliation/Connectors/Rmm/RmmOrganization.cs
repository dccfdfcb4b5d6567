namespace BillingOne.Reconciliation.Connectors.Rmm;

/// <summary>An RMM's view of a client: a NinjaOne organization or a Datto RMM site.</summary>
/// <param name="VendorId">The RMM's own id, kept as text because vendors differ (NinjaOne numbers, Datto uids).</param>
public sealed record RmmOrganization(RmmVendor Vendor, string VendorId, string Name);

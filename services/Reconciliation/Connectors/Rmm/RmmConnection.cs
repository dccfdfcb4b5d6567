namespace BillingOne.Reconciliation.Connectors.Rmm;

/// <summary>Where and as whom one organization reads its RMM.</summary>
/// <param name="ClientId">The OAuth client id (NinjaOne) or API key (Datto RMM).</param>
/// <param name="ClientSecret">The OAuth client secret (NinjaOne) or API secret (Datto RMM).</param>
public sealed record RmmConnection(RmmVendor Vendor, Uri BaseAddress, Uri TokenUrl, string ClientId, string ClientSecret);

using BillingOne.Sandbox.Auth;

namespace BillingOne.Sandbox.Synergy;

/// <summary>
/// Synergy Wholesale's sandbox. Synergy has no token endpoint: every SOAP call carries the reseller ID and API key, so
/// each of <see cref="SandboxVendorOptions.Clients"/> is a reseller ID (client id) and its API key (secret);
/// <see cref="SandboxVendorOptions.TokenLifetime"/> and the rate limit are unused.
/// </summary>
public sealed class SynergyOptions : SandboxVendorOptions
{
    public const string Section = "Sandbox:Synergy";
}

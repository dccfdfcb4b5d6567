using BillingOne.Sandbox.Auth;

namespace BillingOne.Sandbox.SuperOps;

/// <summary>
/// SuperOps' sandbox. SuperOps has no token endpoint: an API token made in its admin settings is sent as a bearer token
/// beside the customer's subdomain, so each of <see cref="SandboxVendorOptions.Clients"/> is a subdomain (client id) and
/// its API token (secret); <see cref="SandboxVendorOptions.TokenLifetime"/> is unused.
/// </summary>
public sealed class SuperOpsOptions : SandboxVendorOptions
{
    public const string Section = "Sandbox:SuperOps";
}

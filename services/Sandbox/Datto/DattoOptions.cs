using BillingOne.Sandbox.Auth;

namespace BillingOne.Sandbox.Datto;

/// <summary>
/// Datto RMM's sandbox: <see cref="SandboxVendorOptions.Clients"/> are API users, each client id an API key and each
/// secret its API secret, which the token endpoint takes as the password grant's username and password.
/// </summary>
public sealed class DattoOptions : SandboxVendorOptions
{
    public const string Section = "Sandbox:Datto";

    /// <summary>The OAuth client every Datto API caller authenticates as in HTTP Basic; Datto publishes it.</summary>
    public SandboxClientCredentials PublicClient { get; set; } = new() { ClientId = "public-client", ClientSecret = "public" };
}

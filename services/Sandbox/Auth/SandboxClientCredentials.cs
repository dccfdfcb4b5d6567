namespace BillingOne.Sandbox.Auth;

/// <summary>An API client registered with a sandboxed vendor, as one created in the vendor's admin portal.</summary>
public sealed class SandboxClientCredentials
{
    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";
}

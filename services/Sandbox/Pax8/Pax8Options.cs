using BillingOne.Sandbox.Auth;

namespace BillingOne.Sandbox.Pax8;

public sealed class Pax8Options : SandboxVendorOptions
{
    public const string Section = "Sandbox:Pax8";

    /// <summary>The audience a token request must name; Pax8's partner API is <c>api://p8p.client</c>.</summary>
    public string Audience { get; set; } = "api://p8p.client";
}

using BillingOne.Sandbox.Auth;
using BillingOne.Sandbox.RateLimiting;

namespace BillingOne.Sandbox.NinjaOne;

public sealed class NinjaOneOptions
{
    public const string Section = "Sandbox:NinjaOne";

    /// <summary>API clients the token endpoint accepts (the sandbox's "API Services" applications).</summary>
    public List<SandboxClientCredentials> Clients { get; set; } = [];

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    public ClientRateLimitOptions RateLimit { get; set; } = new();
}

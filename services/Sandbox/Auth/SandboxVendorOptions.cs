using BillingOne.Sandbox.RateLimiting;

namespace BillingOne.Sandbox.Auth;

/// <summary>What every sandboxed vendor configures: its registered API clients, token lifetime and rate limit.</summary>
public abstract class SandboxVendorOptions
{
    /// <summary>API clients the token endpoint accepts (the vendor portal's API credentials).</summary>
    public List<SandboxClientCredentials> Clients { get; set; } = [];

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    public ClientRateLimitOptions RateLimit { get; set; } = new();
}

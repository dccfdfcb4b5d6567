using BillingOne.Sandbox.Auth;
using BillingOne.Sandbox.RateLimiting;

namespace BillingOne.Sandbox.Xero;

/// <summary>
/// Xero's sandbox: <see cref="SandboxVendorOptions.Clients"/> are the apps registered in Xero's developer portal,
/// <see cref="SandboxVendorOptions.RateLimit"/> is Xero's minute limit and <see cref="DailyLimit"/> its day limit, both
/// counted per app and tenant as Xero does; <see cref="AppRateLimit"/> is the app's minute limit across its tenants.
/// </summary>
public sealed class XeroOptions : SandboxVendorOptions
{
    public const string Section = "Sandbox:Xero";

    /// <summary>Xero's access tokens last 30 minutes (<c>expires_in: 1800</c>).</summary>
    public XeroOptions() => TokenLifetime = TimeSpan.FromMinutes(30);

    /// <summary>The one organisation the sandbox's Xero user can connect.</summary>
    public string TenantName { get; set; } = "Demo MSP Ltd";

    public ClientRateLimitOptions DailyLimit { get; set; } = new() { PermitLimit = 5000, Window = TimeSpan.FromDays(1) };

    /// <summary>Xero's app minute limit: 10,000 calls a minute per app, across all its tenants.</summary>
    public ClientRateLimitOptions AppRateLimit { get; set; } = new() { PermitLimit = 10_000, Window = TimeSpan.FromMinutes(1) };

    /// <summary>Xero's authorization codes last five minutes.</summary>
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Xero's refresh tokens expire after 60 days unused.</summary>
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(60);
}

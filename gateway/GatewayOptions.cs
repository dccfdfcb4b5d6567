using System.ComponentModel.DataAnnotations;

namespace BillingOne.Gateway;

/// <summary>The gateway's own settings (section <c>Gateway</c>); routes and clusters live in <c>ReverseProxy</c>.</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary>
    /// Largest request body accepted unless the route's metadata says otherwise: 1 MiB, the services' own default, so
    /// that a body the service would refuse is refused here with a 413 rather than cut off behind the gateway.
    /// </summary>
    [Range(1, long.MaxValue)]
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Largest refused body that is still read to its end before the 413, so that its caller receives the answer
    /// instead of a reset connection: 8 MiB by default.
    /// </summary>
    [Range(0, long.MaxValue)]
    public long MaxDrainedBodyBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>
    /// Networks (CIDR) of proxies whose <c>X-Forwarded-For</c> names the real caller: the ingress in front of the
    /// gateway, and the web app, whose sign-ins carry the browser's address. Loopback is always trusted. Without
    /// this, every sign-in through the UI would share the web app's address and one rate limit.
    /// </summary>
    public List<string> TrustedProxyNetworks { get; set; } = [];
}

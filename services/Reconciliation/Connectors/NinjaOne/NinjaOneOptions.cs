using BillingOne.Reconciliation.Connectors.Rmm;

namespace BillingOne.Reconciliation.Connectors.NinjaOne;

/// <summary>
/// Where NinjaOne's API lives and the deployment's "API Services" application (client credentials), which
/// organizations without settings of their own run with.
/// </summary>
public sealed class NinjaOneOptions : RmmConnectorOptions
{
    public const string Section = "Connectors:NinjaOne";

    /// <summary>The sandbox by its service-discovery name until real credentials point elsewhere.</summary>
    public static readonly Uri SandboxBaseUrl = new("http://sandbox");

    public NinjaOneOptions()
    {
        BaseUrl = SandboxBaseUrl;
        PageSize = 1000; // the largest page the sandbox serves
    }

    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    /// <summary>Read-only access to organizations and devices.</summary>
    public string Scope { get; set; } = "monitoring";

    public override string DefaultTokenPath => "/ws/oauth/token";
}

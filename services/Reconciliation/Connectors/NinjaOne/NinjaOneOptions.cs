using BillingOne.Reconciliation.Connectors.Rmm;

namespace BillingOne.Reconciliation.Connectors.NinjaOne;

/// <summary>
/// Where NinjaOne's API lives and the deployment's "API Services" application (client credentials), which
/// organizations without settings of their own run with.
/// </summary>
public sealed class NinjaOneOptions : RmmConnectorOptions
{
    public const string Section = "Connectors:NinjaOne";

    /// <summary>
    /// NinjaOne's regional instances: an account's API (and OAuth token endpoint) is the host its users sign in to.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, Uri> Instances = new Dictionary<string, Uri>
    {
        ["us"] = new("https://app.ninjarmm.com"),
        ["us2"] = new("https://us2.ninjarmm.com"),
        ["eu"] = new("https://eu.ninjarmm.com"),
        ["ca"] = new("https://ca.ninjarmm.com"),
        ["oc"] = new("https://oc.ninjarmm.com"),
    };

    /// <summary>
    /// The US instance unless configured; organizations on another region name theirs in their settings. The AppHost's
    /// development run points it at the sandbox.
    /// </summary>
    public NinjaOneOptions()
    {
        BaseUrl = Instances["us"];
        PageSize = 1000;
    }

    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    /// <summary>Read-only access to organizations and devices.</summary>
    public string Scope { get; set; } = "monitoring";

    public override string DefaultTokenPath => "/ws/oauth/token";
}

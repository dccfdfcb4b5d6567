using BillingOne.Reconciliation.Connectors.Rmm;

namespace BillingOne.Reconciliation.Connectors.Datto;

/// <summary>
/// A Datto RMM API user's key and secret, and the account's platform URL (e.g.
/// <c>https://merlot-api.centrastage.net</c>); there is no default platform.
/// </summary>
public sealed class DattoRmmOptions : RmmConnectorOptions
{
    public const string Section = "Connectors:DattoRmm";

    public DattoRmmOptions() => PageSize = 250; // Datto's largest page

    public string ApiKey { get; set; } = "";

    public string ApiSecret { get; set; } = "";

    public override bool HasCredentials => ApiKey.Length > 0 && ApiSecret.Length > 0;

    public override string DefaultTokenPath => "/auth/oauth/token";
}

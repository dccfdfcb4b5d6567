using BillingOne.Reconciliation.Connectors.Rmm;

namespace BillingOne.Reconciliation.Connectors.Datto;

/// <summary>
/// Datto RMM's paging and resilience. There is no default platform: each account has its own (e.g.
/// <c>https://merlot-api.centrastage.net</c>), so an organization names it in its settings unless the deployment does.
/// </summary>
public sealed class DattoRmmOptions : RmmConnectorOptions
{
    public const string Section = "Connectors:DattoRmm";

    public DattoRmmOptions() => PageSize = 250; // Datto's largest page

    public override string DefaultTokenPath => "/auth/oauth/token";
}

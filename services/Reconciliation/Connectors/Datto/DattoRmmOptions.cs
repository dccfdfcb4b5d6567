using BillingOne.Reconciliation.Connectors.Rmm;

namespace BillingOne.Reconciliation.Connectors.Datto;

/// <summary>
/// Datto RMM's paging and resilience. There is no default platform: each account lives on one of Datto's platforms
/// (<see cref="Platforms"/>), so an organization names its API URL in its settings unless the deployment does (the
/// AppHost's development run: the sandbox).
/// </summary>
public sealed class DattoRmmOptions : RmmConnectorOptions
{
    public const string Section = "Connectors:DattoRmm";

    /// <summary>Datto RMM's platforms and their API hosts (<c>https://{platform}-api.centrastage.net</c>).</summary>
    public static readonly IReadOnlyDictionary<string, Uri> Platforms = new[] { "pinotage", "merlot", "concord", "vidal", "zinfandel", "syrah" }
        .ToDictionary(platform => platform, platform => new Uri($"https://{platform}-api.centrastage.net"));

    public DattoRmmOptions() => PageSize = 250; // Datto's largest page

    public override string DefaultTokenPath => "/auth/oauth/token";
}

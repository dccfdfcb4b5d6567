namespace BillingOne.Sandbox.Domain;

/// <summary>Everything the sandbox serves, generated once per process. Lists are ordered by id.</summary>
public sealed record DemoDataSet(
    IReadOnlyList<DemoClient> Clients,
    IReadOnlyList<DemoSite> Sites,
    IReadOnlyList<DemoDevice> Devices);

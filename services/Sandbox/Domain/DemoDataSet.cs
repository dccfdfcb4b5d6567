namespace BillingOne.Sandbox.Domain;

/// <summary>
/// Everything the sandbox serves, generated once per process. Lists are ordered by id; <see cref="Anchor"/> is the
/// instant generated timestamps count back from, so other vendors' data built on these clients shares it.
/// </summary>
public sealed record DemoDataSet(
    IReadOnlyList<DemoClient> Clients,
    IReadOnlyList<DemoSite> Sites,
    IReadOnlyList<DemoDevice> Devices,
    DateTimeOffset Anchor);

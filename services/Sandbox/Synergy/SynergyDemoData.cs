namespace BillingOne.Sandbox.Synergy;

/// <summary>A reseller's Synergy Wholesale account: domains by name, hosting services and certificates by id.</summary>
public sealed record SynergyDemoData(
    IReadOnlyList<SynergyDemoDomain> Domains,
    IReadOnlyList<SynergyDemoHosting> Hosting,
    IReadOnlyList<SynergyDemoCertificate> Certificates);

/// <param name="Registrant">The registrant organisation, as the customer typed it (the client's name, varied).</param>
/// <param name="Status">Synergy's status: <c>ok</c>, <c>clientTransferProhibited</c> or <c>Expired</c>.</param>
public sealed record SynergyDemoDomain(string Name, string Status, DateTimeOffset Expiry, bool AutoRenew, string Registrant,
    int ClientId);

/// <param name="Id">The hosting id (<c>hoid</c>).</param>
public sealed record SynergyDemoHosting(string Id, string Domain, string Plan, string Status, DateTimeOffset NextRenewalDue,
    int DiskUsageMb, int DiskLimitMb, int BandwidthMb, int BandwidthLimitMb);

/// <param name="Id">The certificate id (<c>certID</c>).</param>
public sealed record SynergyDemoCertificate(string Id, string CommonName, string ProductId, string ProductName,
    string Status, DateTimeOffset StartDate, DateTimeOffset ExpireDate);

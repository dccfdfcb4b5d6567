namespace BillingOne.Contracts.Events;

/// <summary>
/// The reconciliation service took a snapshot of the organization's RMM: every organization the RMM lists with its
/// managed device counts (retired devices and devices awaiting approval are not counted). The subscription service
/// keeps the organizations for client mapping; reconciliation compares the counts with licences.
/// </summary>
/// <param name="RmmVendor"><c>ninjaone</c> or <c>datto-rmm</c>.</param>
public sealed record DevicesSnapshotted(
    Guid OrgId,
    Guid SnapshotId,
    Guid SyncRunId,
    string RmmVendor,
    DateTimeOffset TakenAt,
    IReadOnlyList<RmmOrganizationDevices> Organizations) : IIntegrationEvent
{
    public IReadOnlyList<string> Validate() => new EventProblems(nameof(DevicesSnapshotted))
        .Require(OrgId != Guid.Empty && SnapshotId != Guid.Empty, "must carry an organization id and a snapshot id.")
        .Require(!string.IsNullOrWhiteSpace(RmmVendor), $"{SnapshotId} names no RMM vendor.")
        .Require(Organizations is not null && Organizations.All(organization =>
                !string.IsNullOrWhiteSpace(organization.VendorId)
                && organization is { Workstations: >= 0, Servers: >= 0, OtherDevices: >= 0 }),
            $"{SnapshotId} lists an organization without an id or with a negative device count.")
        .ToList();
}

/// <param name="VendorId">The RMM's id of the organization (NinjaOne organization id, Datto site uid).</param>
public sealed record RmmOrganizationDevices(
    string VendorId,
    string Name,
    int Workstations,
    int Servers,
    int OtherDevices);

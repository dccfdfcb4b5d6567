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
    IReadOnlyList<RmmOrganizationDevices> Organizations);

/// <param name="VendorId">The RMM's id of the organization (NinjaOne organization id, Datto site uid).</param>
public sealed record RmmOrganizationDevices(
    string VendorId,
    string Name,
    int Workstations,
    int Servers,
    int OtherDevices);

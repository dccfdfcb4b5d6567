using System.ComponentModel;
using BillingOne.BuildingBlocks.Data;
using BillingOne.Reconciliation.Data;
using Microsoft.AspNetCore.Mvc;

namespace BillingOne.Reconciliation.Apis;

public sealed record DeviceListParameters(
    [property: Description("Part of the device's or its RMM organization's name, any case.")]
    [FromQuery(Name = "search")] string? Search,
    [property: Description("The RMM's id of the organization (NinjaOne organization id, Datto site uid).")]
    [FromQuery(Name = "organizationId")] string? OrganizationId,
    [property: Description("Only devices of RMM organizations mapped to this client.")]
    [FromQuery(Name = "clientId")] string? ClientId,
    [property: Description("workstation, server or other.")]
    [FromQuery(Name = "kind")] string? Kind,
    [property: Description("online, offline, pending (awaiting approval in the RMM: listed, never counted) or retired.")]
    [FromQuery(Name = "state")] string? State,
    [property: Description("Also devices the RMM no longer lists or lists as retired (default false).")]
    [FromQuery(Name = "includeRemoved")] string? IncludeRemoved,
    [property: Description("name (default), lastSeen or organization.")]
    [FromQuery(Name = "sort")] string? Sort,
    [property: Description("asc (default) or desc.")]
    [FromQuery(Name = "direction")] string? Direction);

public sealed record RmmOrganizationListParameters(
    [property: Description("Part of the organization's name, any case.")]
    [FromQuery(Name = "search")] string? Search,
    [property: Description("Also organizations the RMM no longer lists (default false).")]
    [FromQuery(Name = "includeRemoved")] string? IncludeRemoved);

/// <param name="Id">The RMM's id of the device.</param>
/// <param name="OrganizationId">The RMM's id of the device's organization.</param>
/// <param name="ClientId">The client the organization is mapped to; null when unmapped.</param>
/// <param name="RemovedAt">When the RMM stopped listing the device or retired it; null while it is live.</param>
public sealed record DeviceResponse(
    string Vendor,
    string Id,
    string Name,
    string Kind,
    string State,
    DateTimeOffset? LastSeenAt,
    string OrganizationId,
    string? OrganizationName,
    Guid? ClientId,
    DateTimeOffset FirstSeenAt,
    DateTimeOffset? RemovedAt)
{
    public static DeviceResponse From(DeviceRow row) => new(row.Vendor, row.Id, row.Name, row.Kind, row.State,
        UtcInstants.From(row.LastSeenAt), row.OrganizationId, row.OrganizationName, row.ClientId,
        UtcInstants.From(row.FirstSeenAt), UtcInstants.From(row.RemovedAt));
}

/// <param name="Workstations">
/// Managed workstations in the latest snapshot (0 before the first): neither retired nor awaiting approval.
/// </param>
public sealed record RmmOrganizationResponse(
    string Vendor,
    string Id,
    string Name,
    Guid? ClientId,
    int Workstations,
    int Servers,
    int OtherDevices,
    DateTimeOffset FirstSeenAt,
    DateTimeOffset? RemovedAt)
{
    public static RmmOrganizationResponse From(RmmOrganizationRow row) => new(row.Vendor, row.Id, row.Name, row.ClientId,
        row.Workstations, row.Servers, row.OtherDevices, UtcInstants.From(row.FirstSeenAt), UtcInstants.From(row.RemovedAt));
}

/// <param name="Organizations">RMM organizations in the snapshot (for a client-scoped caller: those of its client).</param>
public sealed record DeviceSnapshotResponse(
    Guid Id,
    Guid SyncRunId,
    string Vendor,
    DateTimeOffset TakenAt,
    int Organizations,
    int Workstations,
    int Servers,
    int OtherDevices)
{
    public static DeviceSnapshotResponse From(DeviceSnapshotRow row) => new(row.Id, row.SyncRunId, row.Vendor,
        UtcInstants.From(row.TakenAt), row.Organizations, row.Workstations, row.Servers, row.OtherDevices);
}

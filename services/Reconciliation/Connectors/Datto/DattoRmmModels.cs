namespace BillingOne.Reconciliation.Connectors.Datto;

// The wire shapes of Datto RMM's API v2, every field nullable so that a missing one is reported by name
// instead of silently becoming 0 or false. Only the fields the connector maps are read.

/// <summary>Every list answer: the items under <c>sites</c> or <c>devices</c>, and where the next page is.</summary>
internal sealed record DattoRmmPage(DattoRmmPageDetails? PageDetails, List<DattoRmmSite?>? Sites,
    List<DattoRmmDevice?>? Devices);

/// <param name="NextPageUrl">Absent or null on the last page.</param>
internal sealed record DattoRmmPageDetails(string? NextPageUrl);

internal sealed record DattoRmmSite(string? Uid, string? Name);

/// <param name="LastSeen">Unix epoch milliseconds.</param>
/// <param name="Deleted">Set on devices removed from the account that the API still lists.</param>
internal sealed record DattoRmmDevice(string? Uid, string? SiteUid, string? Hostname, DattoRmmDeviceType? DeviceType,
    bool? Online, long? LastSeen, bool? Deleted);

/// <param name="Category">Desktop, Laptop, Server, Printer, Network Device, ESXi Host, …</param>
internal sealed record DattoRmmDeviceType(string? Category);

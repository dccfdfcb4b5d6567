using BillingOne.Sandbox.Domain;

namespace BillingOne.Sandbox.Datto;

/// <summary>
/// Where a Datto list page sits: absolute links to the neighbouring pages, <c>null</c> where there is none, as the API
/// sends them.
/// </summary>
public sealed record DattoPageDetails(int Count, int TotalCount, string? PrevPageUrl, string? NextPageUrl);

/// <summary>An answer of <c>GET /api/v2/account/sites</c>.</summary>
public sealed record DattoSitesPage(DattoPageDetails PageDetails, IReadOnlyList<DattoSite> Sites);

/// <summary>An answer of <c>GET /api/v2/account/devices</c> and <c>GET /api/v2/site/{uid}/devices</c>.</summary>
public sealed record DattoDevicesPage(DattoPageDetails PageDetails, IReadOnlyList<DattoDevice> Devices);

/// <summary>A Datto site: one per client, as MSPs set Datto up, so it is what other RMMs call an organization.</summary>
public sealed record DattoSite(
    int Id,
    Guid Uid,
    Guid AccountUid,
    string Name,
    string? Description,
    bool OnDemand,
    DattoDevicesStatus DevicesStatus)
{
    public static DattoSite From(DemoClient client, int seed, IReadOnlyList<DemoDevice> liveDevices) => new(
        client.Id,
        DattoIds.Site(seed, client.Id),
        DattoIds.Account(seed),
        client.Name,
        null,
        false,
        new DattoDevicesStatus(liveDevices.Count, liveDevices.Count(device => device.Online),
            liveDevices.Count(device => !device.Online)));
}

/// <summary>Counts of the site's devices, not counting deleted ones.</summary>
public sealed record DattoDevicesStatus(int NumberOfDevices, int NumberOfOnlineDevices, int NumberOfOfflineDevices);

/// <summary>
/// An item of a Datto device list. Timestamps are Unix epoch milliseconds. A retired device stays listed with
/// <see cref="Deleted"/> set (and offline), which is how the Datto connector tells a removed device from a live one.
/// </summary>
public sealed record DattoDevice(
    int Id,
    Guid Uid,
    int SiteId,
    Guid SiteUid,
    string SiteName,
    DattoDeviceType DeviceType,
    string Hostname,
    string Description,
    string OperatingSystem,
    string Domain,
    bool Online,
    bool Suspended,
    bool Deleted,
    long LastSeen,
    long CreationDate,
    string DeviceClass)
{
    public static DattoDevice From(DemoDevice device, DemoClient client, int seed) => new(
        device.Id,
        DattoIds.Device(seed, device.Id),
        client.Id,
        DattoIds.Site(seed, client.Id),
        client.Name,
        DattoDeviceType.Of(device),
        device.SystemName,
        device.DisplayName,
        OperatingSystemOf(device),
        device.DnsName[(device.DnsName.IndexOf('.') + 1)..],
        device.Online && !device.IsRetired,
        false,
        device.IsRetired,
        device.LastContactAt.ToUnixTimeMilliseconds(),
        device.CreatedAt.ToUnixTimeMilliseconds(),
        "device");

    private static string OperatingSystemOf(DemoDevice device) => device.Kind switch
    {
        DeviceKind.WindowsWorkstation => "Microsoft Windows 11 Pro",
        DeviceKind.MacWorkstation => "macOS Sonoma",
        DeviceKind.WindowsServer => "Microsoft Windows Server 2022 Standard",
        DeviceKind.LinuxServer => "Ubuntu 22.04 LTS",
        _ => throw new ArgumentOutOfRangeException(nameof(device), device.Kind, "No operating system for this device kind."),
    };
}

/// <param name="Category">What the device is (Desktop, Laptop, Server): the field the connector licenses by.</param>
/// <param name="Type">The platform it runs (Windows, Mac, Linux).</param>
public sealed record DattoDeviceType(string Category, string Type)
{
    public static DattoDeviceType Of(DemoDevice device) => device.Kind switch
    {
        DeviceKind.WindowsWorkstation => new(WorkstationCategory(device), "Windows"),
        DeviceKind.MacWorkstation => new(WorkstationCategory(device), "Mac"),
        DeviceKind.WindowsServer => new("Server", "Windows"),
        DeviceKind.LinuxServer => new("Server", "Linux"),
        _ => throw new ArgumentOutOfRangeException(nameof(device), device.Kind, "No Datto device type for this device kind."),
    };

    /// <summary>About half of workstations are laptops; fixed per device id so every answer agrees.</summary>
    private static string WorkstationCategory(DemoDevice device) =>
        unchecked((uint)device.Id * 2_654_435_761u) % 100 < 55 ? "Laptop" : "Desktop";
}

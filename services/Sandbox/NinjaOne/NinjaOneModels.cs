using BillingOne.Sandbox.Domain;

namespace BillingOne.Sandbox.NinjaOne;

/// <summary>An item of <c>GET /v2/organizations</c>: the RMM's view of a client.</summary>
public sealed record NinjaOrganization(int Id, string Name, string? Description, string NodeApprovalMode)
{
    public static NinjaOrganization From(DemoClient client) => new(client.Id, client.Name, null, "AUTOMATIC");
}

/// <summary>
/// An item of <c>GET /v2/devices</c>. Timestamps are Unix epoch seconds with a fraction, as the NinjaOne
/// API sends them.
/// </summary>
public sealed record NinjaDevice(
    int Id,
    int OrganizationId,
    int LocationId,
    string NodeClass,
    string ApprovalStatus,
    bool Offline,
    string DisplayName,
    string SystemName,
    string DnsName,
    double Created,
    double LastContact,
    double LastUpdate)
{
    public static NinjaDevice From(DemoDevice device) => new(
        device.Id,
        device.ClientId,
        device.SiteId,
        NodeClassOf(device.Kind),
        device.Approved ? "APPROVED" : "PENDING",
        !device.Online,
        device.DisplayName,
        device.SystemName,
        device.DnsName,
        EpochSeconds(device.CreatedAt),
        EpochSeconds(device.LastContactAt),
        EpochSeconds(device.LastContactAt));

    private static string NodeClassOf(DeviceKind kind) => kind switch
    {
        DeviceKind.WindowsWorkstation => "WINDOWS_WORKSTATION",
        DeviceKind.MacWorkstation => "MAC",
        DeviceKind.WindowsServer => "WINDOWS_SERVER",
        DeviceKind.LinuxServer => "LINUX_SERVER",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No NinjaOne node class for this device kind."),
    };

    private static double EpochSeconds(DateTimeOffset instant) => instant.ToUnixTimeMilliseconds() / 1000.0;
}

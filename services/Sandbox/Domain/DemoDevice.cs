namespace BillingOne.Sandbox.Domain;

public enum DeviceKind
{
    WindowsWorkstation,
    MacWorkstation,
    WindowsServer,
    LinuxServer,
}

/// <summary>
/// A managed endpoint. Ids grow with <see cref="CreatedAt"/> across all clients, as an RMM assigns them.
/// <see cref="Approved"/> is false while the agent waits for a technician to approve it.
/// </summary>
public sealed record DemoDevice(
    int Id,
    int ClientId,
    int SiteId,
    DeviceKind Kind,
    string SystemName,
    string DisplayName,
    string DnsName,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastContactAt,
    bool Online,
    bool Approved)
{
    public bool IsServer => Kind is DeviceKind.WindowsServer or DeviceKind.LinuxServer;
}

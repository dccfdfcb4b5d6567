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
/// <see cref="Approved"/> is false while the agent waits for a technician to approve it. <see cref="RetiredAt"/> is set
/// once the device was removed from the RMM; the device stays in the data set so its id and name are never reused.
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
    bool Approved,
    DateTimeOffset? RetiredAt = null)
{
    public bool IsServer => Kind is DeviceKind.WindowsServer or DeviceKind.LinuxServer;

    public bool IsRetired => RetiredAt is not null;
}

namespace BillingOne.Reconciliation.Connectors.Rmm;

/// <summary>One managed device as a snapshot counts it, whatever RMM reported it.</summary>
/// <param name="LastSeen">Null when the RMM has never heard from the device.</param>
public sealed record RmmDevice(
    RmmVendor Vendor,
    string VendorId,
    string OrganizationVendorId,
    string Name,
    RmmDeviceKind Kind,
    DateTimeOffset? LastSeen,
    RmmDeviceState State);

/// <summary>What a device is licensed as; vendor classes the mapping does not know are <see cref="Other"/>.</summary>
public enum RmmDeviceKind
{
    Workstation,
    Server,
    Other,
}

public enum RmmDeviceState
{
    Online,
    Offline,

    /// <summary>
    /// The agent is installed but a technician has not approved the device yet: listed and live, but not a managed
    /// device, so no count includes it until it is approved.
    /// </summary>
    Pending,

    /// <summary>Deleted or decommissioned in the RMM but still listed: not counted as a live device.</summary>
    Retired,
}

namespace BillingOne.Sandbox.Domain;

/// <summary>
/// One of the MSP's customers as every sandboxed vendor knows it (an RMM organization, later a Pax8
/// company and a Xero contact). <see cref="Id"/> is the number the vendors' APIs expose.
/// </summary>
/// <param name="TimeZone">IANA time zone id of the client's main office.</param>
/// <param name="Workstations">Desktops, laptops and Macs in the RMM, not counting retired ones.</param>
/// <param name="Servers">Physical and virtual servers in the RMM, not counting retired ones.</param>
public sealed record DemoClient(
    int Id,
    string Name,
    string TimeZone,
    string DomainName,
    int Workstations,
    int Servers)
{
    public int Devices => Workstations + Servers;
}

namespace BillingOne.Sandbox.Domain;

/// <summary>
/// Where an Australian/NZ-based MSP's clients sit, weighted by how common each is, and the web domain
/// suffix a business there uses.
/// </summary>
internal static class ClientTimeZones
{
    public sealed record Zone(string Id, int Weight, string DomainSuffix);

    public static readonly Zone[] All =
    [
        new("Australia/Sydney", 30, ".com.au"),
        new("Australia/Melbourne", 22, ".com.au"),
        new("Australia/Brisbane", 15, ".com.au"),
        new("Australia/Perth", 8, ".com.au"),
        new("Australia/Adelaide", 6, ".com.au"),
        new("Australia/Hobart", 2, ".com.au"),
        new("Australia/Darwin", 1, ".com.au"),
        new("Pacific/Auckland", 8, ".co.nz"),
        new("Europe/London", 3, ".co.uk"),
        new("America/Los_Angeles", 2, ".com"),
        new("America/New_York", 2, ".com"),
        new("Asia/Singapore", 1, ".com.sg"),
    ];

    public static readonly int TotalWeight = All.Sum(zone => zone.Weight);
}

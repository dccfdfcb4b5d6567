namespace BillingOne.Sandbox.Domain;

/// <summary>A client as the MSP typed it into BillingOne: the canonical name, no vendor's spelling of it.</summary>
public sealed record BillingOneClient(int SandboxClientId, string Name, string TimeZone);

/// <summary>
/// The clients BillingOne already knows, for the demo seeder. About one in twelve is left out: those exist only at the
/// vendors, so creating a client from a vendor's company has work to do. Draws from its own seeded
/// <see cref="Random"/>, one draw per client, so the same seed always leaves out the same clients.
/// </summary>
public static class BillingOneClientList
{
    public const double VendorOnlyShare = 0.08;
    private const int SeedOffset = 0xB111;

    public static IReadOnlyList<BillingOneClient> Select(int seed, IReadOnlyList<DemoClient> clients)
    {
        var random = new Random(unchecked(seed + SeedOffset));
        return [.. clients
            .Where(_ => random.NextDouble() >= VendorOnlyShare)
            .Select(client => new BillingOneClient(client.Id, client.Name, client.TimeZone))];
    }
}

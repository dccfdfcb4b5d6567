using BillingOne.Sandbox.Domain;
using BillingOne.Sandbox.Pax8;

namespace BillingOne.Sandbox.Changes;

/// <summary>
/// One step of the world's history, so that a connector's re-sync finds news: in Pax8 a few subscriptions are added,
/// cancelled or change quantity; in the RMM a few devices enrol and a few are retired. The step draws from a
/// <see cref="Random"/> seeded by the seed and the step number alone, and dates everything at the step's own time, so
/// step N applied to world N−1 always gives the same world N.
/// </summary>
public static class WorldChangeStep
{
    private const string Active = "Active";
    private const string Trial = "Trial";
    private const string Cancelled = "Cancelled";

    public static (WorldSnapshot World, WorldChangeReport Report) Apply(int seed, WorldSnapshot previous, TimeSpan stepDuration)
    {
        var step = previous.Step + 1;
        // Fixed arithmetic rather than HashCode.Combine, which is randomised per process.
        var random = new Random(unchecked((seed * 1_000_003) ^ (step * 7_919) ^ 0x5EED));
        var at = SandboxWorld.TimeOf(previous.Rmm, step, stepDuration);

        var (pax8, pax8Changes) = ChangePax8(random, previous.Pax8, at);
        var (rmm, rmmChanges) = ChangeRmm(random, previous.Rmm, at);
        return (new WorldSnapshot(step, rmm, pax8), new WorldChangeReport(step, pax8Changes, rmmChanges));
    }

    private static (Pax8DemoData Data, Pax8Changes Changes) ChangePax8(Random random, Pax8DemoData data, DateTimeOffset at)
    {
        var subscriptions = data.Subscriptions.ToList();
        var touched = new HashSet<int>();

        var cancelled = new List<Guid>();
        var cancellable = IndexesWhere(subscriptions, subscription => subscription.Status is Active or Trial);
        for (var count = random.Next(2, 6); count > 0 && TakeRandom(random, cancellable, touched) is { } index;)
        {
            subscriptions[index] = subscriptions[index] with { Status = Cancelled, EndDate = at, UpdatedDate = at };
            cancelled.Add(subscriptions[index].Id);
            count--;
        }

        var quantities = new List<QuantityChange>();
        var resizable = IndexesWhere(subscriptions, subscription => subscription.Status == Active);
        for (var count = random.Next(3, 9); count > 0 && TakeRandom(random, resizable, touched) is { } index;)
        {
            var from = subscriptions[index].Quantity;
            // Seats come and go a few at a time; a tenth of the seats at most.
            var delta = random.Next(1, Math.Max(2, from / 10 + 1)) * (random.Next(2) == 0 ? -1 : 1);
            var to = Math.Max(1, from + delta);
            to = to == from ? from + 1 : to;
            subscriptions[index] = subscriptions[index] with { Quantity = to, UpdatedDate = at };
            quantities.Add(new QuantityChange(subscriptions[index].Id, from, to));
            count--;
        }

        // New subscriptions start now, so they stay last in the list's creation order.
        var added = new List<Guid>();
        for (var count = random.Next(3, 9); count > 0 && data.Companies.Count > 0; count--)
        {
            var company = data.Companies[random.Next(data.Companies.Count)];
            var product = data.Products[random.Next(data.Products.Count)];
            var quantity = product.UnitOfMeasurement == nameof(LicenceUnit.User) ? random.Next(1, 16) : random.Next(1, 6);
            var subscription = new Pax8Subscription(Pax8DemoDataGenerator.NextGuid(random), company.Id, product.Id, quantity,
                product.UnitPrice, product.CurrencyCode, "Monthly", Active, at, at, EndDate: null, UpdatedDate: at);
            subscriptions.Add(subscription);
            added.Add(subscription.Id);
        }

        return (data with { Subscriptions = subscriptions }, new Pax8Changes(added, cancelled, quantities));
    }

    private static (DemoDataSet Data, RmmChanges Changes) ChangeRmm(Random random, DemoDataSet data, DateTimeOffset at)
    {
        var devices = data.Devices.ToList();
        var touched = new HashSet<int>();

        var retired = new List<int>();
        var live = IndexesWhere(devices, device => !device.IsRetired);
        for (var count = random.Next(3, 11); count > 0 && TakeRandom(random, live, touched) is { } index;)
        {
            devices[index] = devices[index] with { RetiredAt = at, Online = false };
            retired.Add(devices[index].Id);
            count--;
        }

        var clients = data.Clients.ToDictionary(client => client.Id);
        var headOffices = data.Sites.GroupBy(site => site.ClientId).ToDictionary(group => group.Key, group => group.First().Id);
        var liveOwners = devices.Where(device => !device.IsRetired).Select(device => device.ClientId).ToList();
        var added = new List<int>();
        for (var count = random.Next(5, 21); count > 0; count--)
        {
            // Mostly where devices already are (big clients grow most), now and then a client with none so far.
            var clientId = liveOwners.Count > 0 && random.NextDouble() < 0.9
                ? liveOwners[random.Next(liveOwners.Count)]
                : data.Clients[random.Next(data.Clients.Count)].Id;
            var device = NewDevice(random, clients[clientId], headOffices[clientId], devices, at);
            devices.Add(device);
            added.Add(device.Id);
        }

        // Device ids run from 1 without gaps, so a device's index is its id minus one.
        var changedClients = retired.Concat(added).Select(id => devices[id - 1].ClientId).ToHashSet();
        var liveByClient = devices.Where(device => !device.IsRetired && changedClients.Contains(device.ClientId))
            .ToLookup(device => device.ClientId);
        var recounted = data.Clients
            .Select(client => changedClients.Contains(client.Id)
                ? client with
                {
                    Workstations = liveByClient[client.Id].Count(device => !device.IsServer),
                    Servers = liveByClient[client.Id].Count(device => device.IsServer),
                }
                : client)
            .ToList();
        return (data with { Clients = recounted, Devices = devices }, new RmmChanges(added, retired));
    }

    /// <summary>
    /// An agent enrolling now: numbered after every device the client ever had (retired ones included), so no name
    /// comes back, and given the next id, so ids keep following enrolment time.
    /// </summary>
    private static DemoDevice NewDevice(Random random, DemoClient client, int siteId, List<DemoDevice> devices, DateTimeOffset at)
    {
        var server = random.NextDouble() < 0.08;
        var kind = server
            ? random.NextDouble() < 0.2 ? DeviceKind.LinuxServer : DeviceKind.WindowsServer
            : random.NextDouble() < 0.15 ? DeviceKind.MacWorkstation : DeviceKind.WindowsWorkstation;
        var number = devices.Count(device => device.ClientId == client.Id && device.IsServer == server) + 1;
        var tag = kind switch
        {
            DeviceKind.LinuxServer => $"LNX{number:00}",
            DeviceKind.WindowsServer => $"SRV{number:00}",
            DeviceKind.MacWorkstation => $"MAC{number:000}",
            _ => $"WS{number:000}",
        };
        var systemName = $"{DemoDataGenerator.SystemNamePrefix(client.Name)}-{tag}";
        return new DemoDevice(devices.Count + 1, client.Id, siteId, kind, systemName, systemName,
            $"{systemName.ToLowerInvariant()}.{DemoDataGenerator.InternalDomain(client)}", at, at, Online: true,
            Approved: random.NextDouble() >= 0.1);
    }

    private static List<int> IndexesWhere<T>(List<T> items, Func<T, bool> predicate) =>
        [.. Enumerable.Range(0, items.Count).Where(index => predicate(items[index]))];

    /// <summary>Removes and returns a random candidate not yet changed in this step, or null when none is left.</summary>
    private static int? TakeRandom(Random random, List<int> candidates, HashSet<int> touched)
    {
        while (candidates.Count > 0)
        {
            var position = random.Next(candidates.Count);
            var index = candidates[position];
            candidates[position] = candidates[^1];
            candidates.RemoveAt(candidates.Count - 1);
            if (touched.Add(index))
            {
                return index;
            }
        }
        return null;
    }
}

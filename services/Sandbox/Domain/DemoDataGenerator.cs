using System.Text;

namespace BillingOne.Sandbox.Domain;

/// <summary>
/// Builds the sandbox's demo world from a seed. Every choice comes from one seeded <see cref="Random"/>
/// (the seeded algorithm is kept stable across .NET versions) drawn in a fixed order, and timestamps count
/// back from a given anchor, so the same seed, size and anchor always give the same data.
/// </summary>
public static class DemoDataGenerator
{
    private const int MaxSeats = 250;
    private static readonly string[] SharedDeviceNames =
        ["Reception PC", "Boardroom PC", "Front Desk", "Training Room PC", "Shared Laptop"];

    public static DemoDataSet Generate(int seed, int clientCount, DateTimeOffset anchor)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clientCount);
        var random = new Random(seed);
        var usedNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var usedDomains = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var clients = new List<DemoClient>(clientCount);
        var sites = new List<DemoSite>();
        var devices = new List<DemoDevice>();

        for (var clientId = 1; clientId <= clientCount; clientId++)
        {
            var name = UniqueName(random, usedNames);
            var zone = PickZone(random);
            var (workstations, servers) = PickSize(random);
            var client = new DemoClient(clientId, name, zone.Id, UniqueDomain(name, zone, usedDomains),
                workstations, servers);
            clients.Add(client);

            var clientSites = CreateSites(random, client, firstSiteId: sites.Count + 1);
            sites.AddRange(clientSites);
            devices.AddRange(CreateDevices(random, client, clientSites, anchor));
        }

        // An RMM numbers devices as agents enrol, so ids follow creation time across all clients.
        var numbered = devices
            .OrderBy(device => device.CreatedAt)
            .Select((device, index) => device with { Id = index + 1 })
            .ToList();
        return new DemoDataSet(clients, sites, numbered, anchor);
    }

    private static string UniqueName(Random random, HashSet<string> used)
    {
        for (var attempt = 0; attempt < 10_000; attempt++)
        {
            var trade = Pick(random, ClientNameParts.Trades);
            var form = random.NextDouble();
            var name = form switch
            {
                < 0.45 => $"{Pick(random, ClientNameParts.Places)} {trade}{Pick(random, ClientNameParts.Endings)}",
                < 0.80 => $"{Pick(random, ClientNameParts.Surnames)} {trade}{Pick(random, ClientNameParts.Endings)}",
                _ => PartnershipName(random, trade),
            };
            if (used.Add(name))
            {
                return name;
            }
        }
        throw new InvalidOperationException("The name lists cannot produce this many distinct client names.");
    }

    private static string PartnershipName(Random random, string trade)
    {
        var first = Pick(random, ClientNameParts.Surnames);
        string second;
        do
        {
            second = Pick(random, ClientNameParts.Surnames);
        }
        while (second == first);
        return $"{first} & {second} {trade}";
    }

    private static ClientTimeZones.Zone PickZone(Random random)
    {
        var ticket = random.Next(ClientTimeZones.TotalWeight);
        foreach (var zone in ClientTimeZones.All)
        {
            if (ticket < zone.Weight)
            {
                return zone;
            }
            ticket -= zone.Weight;
        }
        throw new InvalidOperationException("Time zone weights do not add up.");
    }

    /// <summary>
    /// Most MSP clients are small offices and a few are large: seats follow a log-normal curve with a
    /// median of about 18. A few clients are cloud-only and have nothing under the RMM.
    /// </summary>
    private static (int Workstations, int Servers) PickSize(Random random)
    {
        if (random.NextDouble() < 0.03)
        {
            return (0, 0);
        }
        var seats = (int)Math.Round(Math.Exp(Math.Log(18) + 0.8 * NextStandardNormal(random)));
        seats = Math.Clamp(seats, 1, MaxSeats);
        var servers = seats < 5 ? random.Next(0, 2) : 1 + seats / 25 + random.Next(0, 3);
        return (seats, servers);
    }

    private static List<DemoSite> CreateSites(Random random, DemoClient client, int firstSiteId)
    {
        var count = client.Workstations > 60 ? random.Next(2, 4) : 1;
        var branches = ClientNameParts.BranchNames.OrderBy(_ => random.Next()).Take(count - 1);
        string[] names = ["Head Office", .. branches];
        return names
            .Select((name, index) => new DemoSite(firstSiteId + index, client.Id, name))
            .ToList();
    }

    private static IEnumerable<DemoDevice> CreateDevices(
        Random random, DemoClient client, List<DemoSite> sites, DateTimeOffset anchor)
    {
        var prefix = SystemNamePrefix(client.Name);
        var internalDomain = InternalDomain(client);
        // A quarter of clients (design studios, agencies) run a share of Macs.
        var macShare = random.NextDouble() < 0.25 ? random.NextDouble() * 0.6 : 0;

        for (var number = 1; number <= client.Workstations; number++)
        {
            var mac = random.NextDouble() < macShare;
            var systemName = $"{prefix}-{(mac ? "MAC" : "WS")}{number:000}";
            var displayName = random.NextDouble() < 0.15 ? Pick(random, SharedDeviceNames) : systemName;
            yield return CreateDevice(random, client, sites, anchor, internalDomain,
                mac ? DeviceKind.MacWorkstation : DeviceKind.WindowsWorkstation, systemName, displayName,
                offlineChance: 0.10);
        }
        for (var number = 1; number <= client.Servers; number++)
        {
            var linux = random.NextDouble() < 0.2;
            var systemName = $"{prefix}-{(linux ? "LNX" : "SRV")}{number:00}";
            yield return CreateDevice(random, client, sites, anchor, internalDomain,
                linux ? DeviceKind.LinuxServer : DeviceKind.WindowsServer, systemName, systemName,
                offlineChance: 0.02);
        }
    }

    private static DemoDevice CreateDevice(
        Random random, DemoClient client, List<DemoSite> sites, DateTimeOffset anchor, string internalDomain,
        DeviceKind kind, string systemName, string displayName, double offlineChance)
    {
        // Most devices sit at the head office.
        var site = sites.Count == 1 || random.NextDouble() < 0.6 ? sites[0] : sites[random.Next(1, sites.Count)];
        // A few agents enrolled in the last week still wait for approval.
        var pending = random.NextDouble() < 0.02;
        var createdAt = pending
            ? anchor - TimeSpan.FromMinutes(random.Next(10, 7 * 24 * 60))
            : anchor - TimeSpan.FromDays(random.Next(8, 1800)) - TimeSpan.FromSeconds(random.Next(86_400));
        var online = random.NextDouble() >= offlineChance;
        var lastContactAt = online
            ? anchor - TimeSpan.FromSeconds(random.Next(0, 15 * 60))
            : anchor - TimeSpan.FromMinutes(random.Next(2 * 60, 60 * 24 * 60));
        if (lastContactAt < createdAt)
        {
            lastContactAt = createdAt;
        }
        return new DemoDevice(0, client.Id, site.Id, kind, systemName, displayName,
            $"{systemName.ToLowerInvariant()}.{internalDomain}", createdAt, lastContactAt, online, !pending);
    }

    /// <summary>"Harbourside Dental Pty Ltd" → "harboursidedental.com.au", unique among clients.</summary>
    private static string UniqueDomain(string name, ClientTimeZones.Zone zone, HashSet<string> used)
    {
        var words = name.Replace(" Pty Ltd", "", StringComparison.Ordinal);
        var stem = new string(words.Where(char.IsAsciiLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
        var domain = stem + zone.DomainSuffix;
        for (var suffix = 2; !used.Add(domain); suffix++)
        {
            domain = $"{stem}{suffix}{zone.DomainSuffix}";
        }
        return domain;
    }

    /// <summary>The client's Active Directory domain: "harboursidedental.com.au" → "harboursidedental.local".</summary>
    internal static string InternalDomain(DemoClient client) =>
        client.DomainName[..client.DomainName.IndexOf('.')] + ".local";

    /// <summary>Initials of the name's words ("Harbourside Dental" → "HD"), as technicians name machines.</summary>
    internal static string SystemNamePrefix(string name)
    {
        var initials = new StringBuilder();
        foreach (var word in name.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (char.IsAsciiLetter(word[0]) && initials.Length < 4)
            {
                initials.Append(char.ToUpperInvariant(word[0]));
            }
        }
        return initials.ToString();
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>Box–Muller transform: a standard normal sample from two uniform ones.</summary>
    private static double NextStandardNormal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}

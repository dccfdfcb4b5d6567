using System.Globalization;

namespace BillingOne.DemoSeeder.DemoData;

public enum AssetKind
{
    BackupServer,
    Nas,
    VirtualMachine,

    /// <summary>Runs office hours on weekdays only.</summary>
    DevVirtualMachine,
    Mailbox,
    PublicIp,
}

/// <summary>
/// One demo asset and the days it reports on, counted back from today: every day from <see cref="FirstDaysAgo"/>
/// to <see cref="LastDaysAgo"/> (1 = yesterday). <see cref="ClientSlug"/> is the client it should end up with
/// (null: nothing assigns it); <see cref="Suppressed"/> assets are dropped at ingest by the demo suppression rule.
/// </summary>
public sealed record DemoAsset(
    AssetKind Kind,
    string Source,
    string ExternalId,
    string UnitTypeKey,
    string Description,
    string? ClientSlug,
    int FirstDaysAgo,
    int LastDaysAgo = 1,
    bool Suppressed = false)
{
    /// <summary>First seen within the last few days: left for someone to acknowledge on the New page.</summary>
    public bool IsNew => FirstDaysAgo <= DemoCatalog.NewAssetDays;
}

/// <summary>
/// Every demo asset: each client's fleet, a few assets nobody assigns (a lab, a proof of concept, a trial tenant),
/// two decommissioned VMs the suppression rule drops, a few that appeared in the last days and one VM that went
/// quiet a week ago. The list does not depend on the date, so every run talks about the same assets.
/// </summary>
public static class DemoAssets
{
    private const string Veeam = "veeam";
    private const string Synology = "synology";
    private const string Azure = "azure";
    private const string Microsoft365 = "m365";
    private const int DaysSinceNewAssetAppeared = 2;
    private const int DaysSinceQuietVmStopped = 8;

    private static readonly string[] FirstNames =
    [
        "alex", "sam", "jordan", "priya", "liam", "mia", "noah", "olivia", "ethan", "chloe",
        "lucas", "grace", "mason", "zoe", "aiden", "ruby", "james", "isla", "henry", "ava",
    ];

    private static readonly string[] LastNames =
    [
        "nguyen", "walsh", "obrien", "patel", "kowalski", "chen", "murphy", "singh", "taylor", "williams",
        "anderson", "thompson", "kelly", "ryan", "campbell", "stewart", "harris", "clarke", "robinson", "wong",
        "rossi", "hughes", "tran", "novak",
    ];

    private static readonly string[] VmRoles = ["app", "sql", "file", "rds", "dc", "web"];

    public static IReadOnlyList<DemoAsset> All { get; } = Build();

    /// <summary>The backup server whose late reading corrects a finalized month: bound to its client's backup bucket.</summary>
    public static DemoAsset LateReporter { get; } = All.Single(asset => asset.ExternalId == "bkp-harbourside-srv01");

    private static List<DemoAsset> Build()
    {
        var assets = new List<DemoAsset>();
        foreach (var client in DemoCatalog.Clients)
        {
            assets.AddRange(FleetOf(client));
        }
        assets.AddRange(Unassigned());
        assets.Add(Vm("vm-decom-01", null, HistoryOf("vm-decom-01")) with { Suppressed = true });
        assets.Add(Vm("vm-decom-02", null, HistoryOf("vm-decom-02")) with { Suppressed = true });
        return assets;
    }

    private static IEnumerable<DemoAsset> FleetOf(DemoClient client)
    {
        var slug = client.Slug;
        var fleet = client.Fleet;
        for (var i = 1; i <= fleet.BackupServers; i++)
        {
            var id = $"bkp-{slug}-srv{Number(i)}";
            // Summit's newest server was added to the backup plan two days ago.
            var first = slug == "summit" && i == fleet.BackupServers ? DaysSinceNewAssetAppeared : HistoryOf(id);
            yield return new DemoAsset(AssetKind.BackupServer, Veeam, id, DemoCatalog.BackupStorage.Key,
                $"Veeam backup job for server SRV{Number(i)}", slug, first);
        }
        for (var i = 1; i <= fleet.NasBoxes; i++)
        {
            // Outside the backup unit type's filter (bkp-*): never provisioned automatically.
            var id = $"nas-{slug}-{Number(i)}";
            yield return new DemoAsset(AssetKind.Nas, Synology, id, DemoCatalog.BackupStorage.Key,
                "Hyper Backup of the office NAS", slug, HistoryOf(id));
        }
        for (var i = 1; i <= fleet.VirtualMachines; i++)
        {
            var id = $"vm-{slug}-{VmRoles[(i - 1) % VmRoles.Length]}{Number(i)}";
            var first = slug == "harbourside" && i == fleet.VirtualMachines ? DaysSinceNewAssetAppeared : HistoryOf(id);
            yield return Vm(id, slug, first);
        }
        for (var i = 1; i <= fleet.DevVirtualMachines; i++)
        {
            var id = $"vm-{slug}-dev{Number(i)}";
            // Summit's first dev VM was shut down a week ago: its last-seen date lags behind.
            var last = slug == "summit" && i == 1 ? DaysSinceQuietVmStopped : 1;
            yield return new DemoAsset(AssetKind.DevVirtualMachine, Azure, id, DemoCatalog.VmHours.Key,
                "Azure VM Standard_B2ms (dev, office hours)", slug, HistoryOf(id), last);
        }
        for (var i = 0; i < fleet.Mailboxes; i++)
        {
            var id = $"{FirstNames[i % FirstNames.Length]}.{LastNames[(i + i / FirstNames.Length) % LastNames.Length]}@{slug}.example";
            var first = slug == "northgate" && i == fleet.Mailboxes - 1 ? DaysSinceNewAssetAppeared : HistoryOf(id);
            yield return new DemoAsset(AssetKind.Mailbox, Microsoft365, id, DemoCatalog.Mailboxes.Key,
                "Exchange Online (Plan 1) mailbox", slug, first);
        }
        for (var i = 1; i <= fleet.PublicIps; i++)
        {
            var id = $"pip-{slug}-{Number(i)}";
            yield return new DemoAsset(AssetKind.PublicIp, Azure, id, DemoCatalog.PublicIps.Key,
                "Azure public IPv4 address", slug, HistoryOf(id));
        }
    }

    private static IEnumerable<DemoAsset> Unassigned()
    {
        yield return new DemoAsset(AssetKind.BackupServer, Veeam, "bkp-lab-srv01", DemoCatalog.BackupStorage.Key,
            "Veeam backup job for the lab", null, HistoryOf("bkp-lab-srv01"));
        yield return new DemoAsset(AssetKind.BackupServer, Veeam, "bkp-lab-srv02", DemoCatalog.BackupStorage.Key,
            "Veeam backup job for the lab", null, HistoryOf("bkp-lab-srv02"));
        for (var i = 1; i <= 3; i++)
        {
            yield return Vm($"vm-poc-{Number(i)}", null, HistoryOf($"vm-poc-{Number(i)}"));
        }
        yield return Vm("vm-newproject-01", null, DaysSinceNewAssetAppeared);
        foreach (var mailbox in new[] { "admin", "helpdesk", "sales", "info" })
        {
            var id = $"{mailbox}@trial.example";
            yield return new DemoAsset(AssetKind.Mailbox, Microsoft365, id, DemoCatalog.Mailboxes.Key,
                "Exchange Online trial mailbox", null, HistoryOf(id));
        }
        yield return new DemoAsset(AssetKind.PublicIp, Azure, "pip-lab-01", DemoCatalog.PublicIps.Key,
            "Azure public IPv4 address", null, HistoryOf("pip-lab-01"));
    }

    private static DemoAsset Vm(string id, string? slug, int firstDaysAgo) => new(AssetKind.VirtualMachine, Azure, id,
        DemoCatalog.VmHours.Key, "Azure VM Standard_D2s_v5", slug, firstDaysAgo);

    /// <summary>Between <see cref="DemoCatalog.MinHistoryDays"/> and <see cref="DemoCatalog.MaxHistoryDays"/> days, per asset.</summary>
    private static int HistoryOf(string externalId) => DemoCatalog.MinHistoryDays +
        (int)(StableNoise.Unit("history:" + externalId) * (DemoCatalog.MaxHistoryDays - DemoCatalog.MinHistoryDays + 1));

    private static string Number(int value) => value.ToString("00", CultureInfo.InvariantCulture);
}

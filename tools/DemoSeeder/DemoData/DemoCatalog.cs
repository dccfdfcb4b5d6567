namespace BillingOne.DemoSeeder.DemoData;

/// <summary>How a demo client's assets reach it in metering.</summary>
public enum DemoAssignment
{
    /// <summary>An assignment rule matches the client's slug in the asset id.</summary>
    Rule,

    /// <summary>The readings are sent with an ingest key scoped to the client.</summary>
    IngestKey,
}

/// <summary>How many assets of each kind a client runs.</summary>
public sealed record DemoFleet(
    int BackupServers, int NasBoxes, int VirtualMachines, int DevVirtualMachines, int Mailboxes, int PublicIps);

/// <summary>A client of the demo organization; <see cref="Slug"/> appears in its assets' ids.</summary>
public sealed record DemoClient(string Slug, string Name, DemoAssignment AssignedBy, DemoFleet Fleet);

/// <summary>
/// A unit type, with the member names of the metering API's create request: <see cref="BasePrice"/> is the commit price
/// per period (the whole <see cref="CommitUnits"/> for one month), <see cref="OveragePrice"/> the price of each unit
/// beyond it (docs/domain.md "Cost of a bucket").
/// </summary>
public sealed record DemoUnitType(
    string Key,
    string Name,
    string Description,
    bool AutoProvision,
    decimal BasePrice,
    decimal OveragePrice,
    string Currency,
    string Aggregation,
    string? FilterPattern,
    decimal CommitUnits,
    int Precision);

/// <summary>An assignment rule: assets whose id matches <see cref="Pattern"/> go to the client.</summary>
public sealed record DemoAssignmentRule(string Pattern, string Target, string ClientSlug);

/// <summary>An ingest suppression rule, with the member names of the ingestion API's create request.</summary>
public sealed record DemoSuppression(string Pattern, string Type, string Target, string Reason);

/// <summary>An ingest API key the seeder sends readings with; scoped to a client when <see cref="ClientSlug"/> is set.</summary>
public sealed record DemoIngestKey(string Name, string? ClientSlug);

/// <summary>
/// The fixed part of the demo data: clients, unit types, rules and keys. Everything here is constant, so the same
/// names and patterns are found (not created again) on a re-run.
/// </summary>
public static class DemoCatalog
{
    public const string Currency = "AUD";

    /// <summary>Assets first seen this many days ago or less are left unacknowledged (the New page).</summary>
    public const int NewAssetDays = 3;

    /// <summary>
    /// Established assets report for the last 122–126 days: the first day of the third month before the current one
    /// is at most 122 days back (the 31st of a month after three months of 31, 30 and 31 days), so the three months
    /// the seeder bills have usage from their first day, and every usage chart has 30+ days.
    /// </summary>
    public const int MinHistoryDays = 122;
    public const int MaxHistoryDays = 126;

    public static readonly DemoClient RedgumLogistics =
        new("redgum", "Redgum Logistics", DemoAssignment.IngestKey, new DemoFleet(6, 1, 10, 2, 32, 2));

    public static readonly IReadOnlyList<DemoClient> Clients =
    [
        new("harbourside", "Harbourside Dental", DemoAssignment.Rule, new DemoFleet(4, 1, 4, 0, 24, 1)),
        new("northgate", "Northgate Legal", DemoAssignment.Rule, new DemoFleet(6, 1, 8, 2, 40, 2)),
        new("summit", "Summit Engineering", DemoAssignment.Rule, new DemoFleet(8, 0, 12, 4, 36, 3)),
        new("bayside", "Bayside Medical Centre", DemoAssignment.Rule, new DemoFleet(5, 1, 6, 0, 30, 1)),
        RedgumLogistics,
    ];

    public static readonly DemoUnitType BackupStorage = new("backup-gb", "Backup storage (GB)",
        "Data protected per day by the backup agents, in GB.", AutoProvision: true, BasePrice: 200.00m,
        OveragePrice: 0.12m, Currency, "sum", FilterPattern: "bkp-*", CommitUnits: 2000m,
        Precision: 2);

    public static readonly DemoUnitType Mailboxes = new("m365-mailbox", "Microsoft 365 mailboxes",
        "One reading per licensed mailbox per day.", AutoProvision: true, BasePrice: 162.50m, OveragePrice: 7.50m,
        Currency, "count", FilterPattern: null, CommitUnits: 25m,
        Precision: 0);

    public static readonly DemoUnitType VmHours = new("vm-hours", "Virtual machine hours",
        "Hours each virtual machine ran per day.", AutoProvision: true, BasePrice: 180.00m, OveragePrice: 0.12m,
        Currency, "sum", FilterPattern: null, CommitUnits: 2000m,
        Precision: 1);

    /// <summary>
    /// Not provisioned automatically: its assets stay on the Unbound page until someone binds them. Addresses are
    /// whole, so its precision is 0 although it aggregates by max.
    /// </summary>
    public static readonly DemoUnitType PublicIps = new("public-ip", "Public IP addresses",
        "Public IPv4 addresses held per day.", AutoProvision: false, BasePrice: 0.00m, OveragePrice: 4.00m,
        Currency, "max", FilterPattern: null, CommitUnits: 0m,
        Precision: 0);

    public static readonly IReadOnlyList<DemoUnitType> UnitTypes = [BackupStorage, Mailboxes, VmHours, PublicIps];

    public static readonly DemoSuppression Suppression =
        new("vm-decom-*", "glob", "asset-id", "Decommissioned test VMs whose agent still reports");

    /// <summary>One rule per client assigned by rule: its slug anywhere in the asset id.</summary>
    public static IReadOnlyList<DemoAssignmentRule> AssignmentRules { get; } =
    [
        .. Clients.Where(client => client.AssignedBy == DemoAssignment.Rule)
            .Select(client => new DemoAssignmentRule($"*{client.Slug}*", "asset-id", client.Slug)),
    ];

    /// <summary>The organization-wide usage agent's key.</summary>
    public static readonly DemoIngestKey OrganizationIngestKey = new("Demo usage agent", null);

    public static IReadOnlyList<DemoIngestKey> IngestKeys { get; } =
    [
        OrganizationIngestKey,
        .. Clients.Where(client => client.AssignedBy == DemoAssignment.IngestKey)
            .Select(client => new DemoIngestKey($"Demo usage agent ({client.Name})", client.Slug)),
    ];

    /// <summary>The key that sends <paramref name="asset"/>'s readings.</summary>
    public static DemoIngestKey IngestKeyFor(DemoAsset asset) =>
        IngestKeys.FirstOrDefault(key => key.ClientSlug is not null && key.ClientSlug == asset.ClientSlug)
        ?? OrganizationIngestKey;
}

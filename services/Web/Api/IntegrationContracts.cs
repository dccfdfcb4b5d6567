namespace BillingOne.Web.Api;

// The web UI's view of the integrations contract (services/BuildingBlocks/Integrations/IntegrationContracts.cs),
// served alike by every service that owns integrations, under its own base path {svc}:
//   GET  {svc}/integrations                       -> Integration[]
//   GET  {svc}/integrations/{name}                -> Integration
//   PUT  {svc}/integrations/{name}  SaveIntegrationRequest -> Integration (400 with errors keyed values.{field})
//   POST {svc}/integrations/{name}/test  { values } -> ConnectionTest
//   POST {svc}/integrations/{name}/sync  { trigger } -> 202 SyncRun (409 with runId while one is active)
//   GET  {svc}/integrations/{name}/sync-runs?page&pageSize -> PagedList<SyncRun>
//   GET  {svc}/integrations/sync-runs/{id}        -> SyncRun

/// <summary>One integration of one service: where its calls go.</summary>
/// <param name="ServicePath">The owning service's base path, e.g. <c>api/subscription</c>.</param>
/// <param name="Name">The integration's name, e.g. <c>pax8</c>.</param>
public sealed record IntegrationKey(string ServicePath, string Name)
{
    public static readonly IntegrationKey Pax8 = new(IntegrationServices.Subscription, "pax8");
    public static readonly IntegrationKey Rmm = new(IntegrationServices.Reconciliation, "rmm");
    public static readonly IntegrationKey Xero = new(IntegrationServices.Invoice, "xero");
    public static readonly IntegrationKey SuperOps = new(IntegrationServices.Invoice, "superops");
    public static readonly IntegrationKey Synergy = new(IntegrationServices.Reconciliation, "synergy");

    public string Path => $"{ServicePath}/integrations/{Uri.EscapeDataString(Name)}";
}

/// <summary>The services that own integrations (the subscription service has Pax8, reconciliation the RMM and Synergy,
/// the invoice service Xero and SuperOps).</summary>
public static class IntegrationServices
{
    public const string Subscription = "api/subscription";
    public const string Reconciliation = "api/reconciliation";
    public const string Invoice = "api/invoice";

    public static readonly IReadOnlyList<string> All = [Subscription, Reconciliation, Invoice];

    public static string SyncRunPath(string servicePath, Guid runId) => $"{servicePath}/integrations/sync-runs/{runId}";
}

/// <summary>An integration as Settings → Integrations shows it; secrets are never returned, only whether they are set.</summary>
/// <param name="SettingsSource">One of <see cref="SettingsSources"/>.</param>
/// <param name="SyncIntervalMinutes">Minutes between scheduled syncs; null when the schedule is off.</param>
public sealed record Integration(
    string Name,
    string DisplayName,
    string Category,
    string SettingsSource,
    bool Enabled,
    IReadOnlyList<IntegrationField> Fields,
    int? SyncIntervalMinutes,
    DateTimeOffset? NextSyncAt,
    ConnectionTest? LastTest,
    SyncRun? LastSync);

/// <param name="Kind">One of <see cref="IntegrationFieldKinds"/>.</param>
/// <param name="Value">The current value of a plain setting; always null for a secret.</param>
/// <param name="IsSet">Whether the setting has a value (for a secret: whether one is stored).</param>
public sealed record IntegrationField(
    string Name,
    string Label,
    string Kind,
    bool Secret,
    bool Required,
    IReadOnlyList<string>? Choices,
    string? Help,
    string? Value,
    bool IsSet);

public static class IntegrationFieldKinds
{
    public const string Text = "text";
    public const string Url = "url";
    public const string Choice = "choice";
}

public static class SettingsSources
{
    public const string Saved = "saved";
    public const string Default = "default";
    public const string None = "none";
}

public sealed record ConnectionTest(bool Succeeded, string Message, DateTimeOffset TestedAt);

/// <summary>One sync of one integration, from queued to completed or failed.</summary>
/// <param name="Status">One of <see cref="SyncRunStatuses"/>.</param>
/// <param name="ItemsTotal">Null until the run knows how much there is.</param>
/// <param name="Breakdown">Counts per kind of item (companies, subscriptions, devices…).</param>
public sealed record SyncRun(
    Guid Id,
    string Integration,
    string Trigger,
    string Status,
    string? Stage,
    int ItemsDone,
    int? ItemsTotal,
    int Added,
    int Changed,
    int Removed,
    IReadOnlyDictionary<string, SyncCounts> Breakdown,
    IReadOnlyList<SkippedItem> Skipped,
    string? Error,
    string RequestedBy,
    DateTimeOffset QueuedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    double? DurationSeconds)
{
    public bool IsActive => Status is SyncRunStatuses.Queued or SyncRunStatuses.Running;
}

public sealed record SyncCounts(int Added, int Changed, int Removed);

/// <summary>Something the sync could not take (a page the vendor refused, a row it could not read), and why.</summary>
public sealed record SkippedItem(string What, string Reason);

public static class SyncRunStatuses
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";

    public static string Label(string status) => status switch
    {
        Queued => "Queued",
        Running => "Running",
        Completed => "Completed",
        Failed => "Failed",
        _ => status,
    };
}

/// <summary>Who asked for a sync, for the run history.</summary>
public static class SyncTriggers
{
    public const string Manual = "manual";
    public const string SyncAll = "sync-all";
    public const string Onboarding = "onboarding";
}

/// <summary>
/// Settings to save: a secret left out keeps its stored value and an empty string clears it; plain settings are
/// replaced as given.
/// </summary>
/// <param name="SyncIntervalMinutes">15–10080; null switches the schedule off.</param>
public sealed record SaveIntegrationRequest(bool Enabled, IReadOnlyDictionary<string, string?> Values, int? SyncIntervalMinutes);

/// <summary>Values to try before saving them; those left out come from the saved (or default) settings.</summary>
public sealed record TestIntegrationRequest(IReadOnlyDictionary<string, string?> Values);

public sealed record StartSyncRequest(string Trigger);

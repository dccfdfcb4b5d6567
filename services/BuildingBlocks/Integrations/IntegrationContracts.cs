using System.ComponentModel;

namespace BillingOne.BuildingBlocks.Integrations;

/// <summary>An integration as Settings → Integrations shows it. Secrets are never returned: only whether they are set.</summary>
/// <param name="SettingsSource"><c>saved</c>, <c>default</c> (the deployment's, e.g. the sandbox) or <c>none</c>.</param>
public sealed record IntegrationResponse(
    string Name,
    string DisplayName,
    string Category,
    string SettingsSource,
    bool Enabled,
    IReadOnlyList<IntegrationFieldResponse> Fields,
    int? SyncIntervalMinutes,
    DateTimeOffset? NextSyncAt,
    ConnectionTestResponse? LastTest,
    SyncRunResponse? LastSync);

/// <param name="Value">The current value of a plain setting; always null for a secret.</param>
/// <param name="IsSet">Whether the setting has a value (for a secret: whether one is stored).</param>
public sealed record IntegrationFieldResponse(
    string Name,
    string Label,
    string Kind,
    bool Secret,
    bool Required,
    IReadOnlyList<string>? Choices,
    string? Help,
    string? Value,
    bool IsSet);

public sealed record ConnectionTestResponse(bool Succeeded, string Message, DateTimeOffset TestedAt);

public sealed record SyncRunResponse(
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
    double? DurationSeconds,
    [property: Description("The records a webhook-triggered run reads (`resources`); null for a full sync.")]
    SyncScope? Scope = null)
{
    public static SyncRunResponse From(SyncRun run) => new(run.Id, run.Integration, run.Trigger, run.Status, run.Stage,
        run.ItemsDone, run.ItemsTotal, run.Added, run.Changed, run.Removed, run.Breakdown, run.Skipped, run.Error, run.RequestedBy,
        run.QueuedAt, run.StartedAt, run.FinishedAt, run.DurationSeconds, run.Scope);
}

/// <summary>
/// The settings to save. A secret left out (or null) keeps its stored value; an empty string clears it. Plain
/// settings are replaced as given.
/// </summary>
public sealed record SaveIntegrationRequest(
    [property: Description("Whether syncs (manual and scheduled) may run; default true.")] bool? Enabled,
    [property: Description("Setting values by field name, as listed in the integration's `fields`.")]
    Dictionary<string, string?>? Values,
    [property: Description("Minutes between scheduled syncs, 15–10080; null switches the schedule off.")]
    int? SyncIntervalMinutes);

/// <summary>Values to try before saving them; those left out come from the saved (or default) settings.</summary>
public sealed record TestIntegrationRequest(Dictionary<string, string?>? Values);

/// <param name="Trigger"><c>manual</c> (default), <c>sync-all</c> or <c>onboarding</c>: who asked, for the run history.</param>
public sealed record StartSyncRequest(string? Trigger);

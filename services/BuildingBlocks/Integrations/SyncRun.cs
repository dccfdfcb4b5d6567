using System.Text.Json;

namespace BillingOne.BuildingBlocks.Integrations;

public static class SyncRunStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";
}

public static class SyncTriggers
{
    public const string Manual = "manual";
    public const string Scheduled = "scheduled";
    public const string SyncAll = "sync-all";
    public const string Onboarding = "onboarding";

    /// <summary>A vendor's webhook named changed records; the run reads only those (its <see cref="SyncRun.Scope"/>).</summary>
    public const string WebhookTriggered = "webhook-triggered";

    /// <summary>The triggers a person may name when starting a sync; schedules and webhooks queue their own runs.</summary>
    public static readonly IReadOnlyList<string> All = [Manual, Scheduled, SyncAll, Onboarding];
}

/// <summary>One sync of one integration for one organization, as stored and as the API shows it.</summary>
public sealed record SyncRun(
    Guid OrgId,
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
    string SkippedJson,
    string BreakdownJson,
    string? Error,
    string RequestedBy,
    DateTimeOffset QueuedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? ScopeJson = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public IReadOnlyList<SkippedItem> Skipped =>
        JsonSerializer.Deserialize<List<SkippedItem>>(SkippedJson, Json) ?? [];

    public double? DurationSeconds => StartedAt is { } started
        ? Math.Round(((FinishedAt ?? DateTimeOffset.UtcNow) - started).TotalSeconds, 1)
        : null;

    public IReadOnlyDictionary<string, SyncCounts> Breakdown =>
        JsonSerializer.Deserialize<Dictionary<string, SyncCounts>>(BreakdownJson, Json) ?? [];

    /// <summary>The records the run is limited to; null for a full sync.</summary>
    public SyncScope? Scope => SyncScope.FromJson(ScopeJson) is { IsEverything: false } scope ? scope : null;

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Json);
}

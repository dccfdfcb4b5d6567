using System.Text.Json;

namespace BillingOne.BuildingBlocks.Integrations;

/// <summary>One vendor record a scoped sync reads, e.g. (<c>subscription</c>, Pax8's subscription id).</summary>
public sealed record SyncScopeItem(string ResourceType, string ResourceId);

/// <summary>
/// The records a sync run is limited to, from a vendor's change notifications. Scopes of notifications arriving
/// while a run waits are merged into one; past <see cref="MaxResources"/> records a full sync is cheaper than
/// reading them one by one, so the scope becomes <see cref="Everything"/>.
/// </summary>
public sealed record SyncScope
{
    public const int MaxResources = 500;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static SyncScope Everything { get; } = new() { IsEverything = true, Resources = [] };

    /// <summary>The records, each once, in the order first named; empty when <see cref="IsEverything"/>.</summary>
    public IReadOnlyList<SyncScopeItem> Resources { get; init; } = [];

    /// <summary>True when the scope grew too large to read record by record: the run reads everything.</summary>
    public bool IsEverything { get; init; }

    public static SyncScope Of(IEnumerable<SyncScopeItem> resources)
    {
        var distinct = resources.Distinct().ToList();
        return distinct.Count > MaxResources ? Everything : new SyncScope { Resources = distinct };
    }

    /// <summary>Both scopes' records, or <see cref="Everything"/> when either is or when together they are too many.</summary>
    public SyncScope Union(SyncScope other) =>
        IsEverything || other.IsEverything ? Everything : Of(Resources.Concat(other.Resources));

    /// <summary>The ids of one resource type the scope names, e.g. the subscriptions of a Pax8 run.</summary>
    public IReadOnlyList<string> IdsOf(string resourceType) =>
        [.. Resources.Where(item => item.ResourceType == resourceType).Select(item => item.ResourceId)];

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static SyncScope? FromJson(string? json) =>
        json is null ? null : JsonSerializer.Deserialize<SyncScope>(json, Json);

    public bool Equals(SyncScope? other) =>
        other is not null && IsEverything == other.IsEverything && Resources.SequenceEqual(other.Resources);

    public override int GetHashCode() => HashCode.Combine(IsEverything, Resources.Count);
}

namespace BillingOne.BuildingBlocks.Integrations;

/// <summary>
/// What a complete vendor listing changes in what a sync stored before: new or reappearing items are added, stored ones
/// whose content differs are changed, stored live ones the listing lacks are removed. Items compare with their record
/// equality, so a record holds exactly the fields whose change counts.
/// </summary>
public static class SnapshotDiff
{
    /// <param name="stored">Every stored item with whether it is live (not marked removed).</param>
    public static SnapshotChanges<T> Compare<TKey, T>(IReadOnlyDictionary<TKey, (T Item, bool Live)> stored,
        IEnumerable<T> listed, Func<T, TKey> keyOf)
        where TKey : notnull
    {
        var added = new List<T>();
        var changed = new List<T>();
        var seen = new HashSet<TKey>();
        foreach (var item in listed)
        {
            var key = keyOf(item);
            if (!seen.Add(key))
            {
                continue;
            }
            if (!stored.TryGetValue(key, out var before) || !before.Live)
            {
                added.Add(item);
            }
            else if (!EqualityComparer<T>.Default.Equals(before.Item, item))
            {
                changed.Add(item);
            }
        }
        var removed = stored.Where(pair => pair.Value.Live && !seen.Contains(pair.Key)).Select(pair => pair.Value.Item).ToList();
        return new SnapshotChanges<T>(added, changed, removed);
    }
}

public sealed record SnapshotChanges<T>(IReadOnlyList<T> Added, IReadOnlyList<T> Changed, IReadOnlyList<T> Removed)
{
    /// <summary>Items to write: added and changed.</summary>
    public IEnumerable<T> Upserts => Added.Concat(Changed);

    public SyncCounts Counts => new(Added.Count, Changed.Count, Removed.Count);
}

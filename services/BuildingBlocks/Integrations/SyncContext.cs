namespace BillingOne.BuildingBlocks.Integrations;

/// <summary>
/// What a running sync knows and reports: the organization, the settings it runs with, progress (written at most a
/// few times a second), the changes it applied and the vendor pages it skipped.
/// </summary>
public sealed class SyncContext(SyncRun run, IntegrationValues values, SyncRunStore runs, TimeProvider clock)
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(300);
    private readonly List<SkippedItem> skipped = [];
    private DateTimeOffset lastProgressAt = DateTimeOffset.MinValue;

    public Guid OrgId => run.OrgId;

    public Guid RunId => run.Id;

    public string Trigger => run.Trigger;

    /// <summary>
    /// The records this run is limited to (a webhook named them); null for a full sync. A scoped run reads and applies
    /// only those records and leaves every other one as it is.
    /// </summary>
    public SyncScope? Scope => run.Scope;

    public IntegrationValues Values { get; } = values;

    private readonly Dictionary<string, SyncCounts> breakdown = new(StringComparer.Ordinal);

    public int Added => breakdown.Values.Sum(counts => counts.Added);

    public int Changed => breakdown.Values.Sum(counts => counts.Changed);

    public int Removed => breakdown.Values.Sum(counts => counts.Removed);

    /// <summary>The applied changes per kind of record; the totals are their sums.</summary>
    public IReadOnlyDictionary<string, SyncCounts> Breakdown => breakdown;

    /// <summary>Records what the run applied to one kind of record (<c>subscriptions</c>, <c>devices</c>, …).</summary>
    public void Count(string kind, SyncCounts counts) =>
        breakdown[kind] = breakdown.TryGetValue(kind, out var earlier) ? earlier + counts : counts;

    public IReadOnlyList<SkippedItem> Skipped => skipped;

    /// <summary>Records what the run could not use and why; the run still applies the rest consistently.</summary>
    public void Skip(string what, string reason) => skipped.Add(new SkippedItem(what, reason));

    public async Task ReportProgressAsync(string stage, int done, int? total, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (now - lastProgressAt < ProgressInterval && (total is null || done < total))
        {
            return;
        }
        lastProgressAt = now;
        await runs.ReportProgressAsync(run, stage, done, total, cancellationToken);
    }
}

/// <param name="What">The vendor resource and page or item, e.g. <c>subscriptions page 3</c>.</param>
public sealed record SkippedItem(string What, string Reason);

public sealed record SyncCounts(int Added, int Changed, int Removed)
{
    public static SyncCounts operator +(SyncCounts left, SyncCounts right) =>
        new(left.Added + right.Added, left.Changed + right.Changed, left.Removed + right.Removed);
}

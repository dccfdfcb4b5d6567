namespace BillingOne.Bench;

/// <summary>A measure's mean over the first window and over the last, and the last window's highest and final value.</summary>
public sealed record SoakGrowth(double First, double Last, double LastMax, double Final)
{
    public double Change => Last - First;

    /// <summary>The change as a share of the first window's mean; null when that mean is zero.</summary>
    public double? Percent => First == 0 ? null : Change / First * 100;

    /// <summary>
    /// The measure over the run's samples; null when a window holds no sample (a run too short to compare).
    /// </summary>
    public static SoakGrowth? Of(IEnumerable<(TimeSpan At, double Value)> samples, SoakWindows windows)
    {
        var all = samples.OrderBy(sample => sample.At).ToList();
        var first = all.Where(sample => windows.InFirst(sample.At)).Select(sample => sample.Value).ToList();
        var last = all.Where(sample => windows.InLast(sample.At)).Select(sample => sample.Value).ToList();
        return first.Count == 0 || last.Count == 0
            ? null
            : new SoakGrowth(first.Average(), last.Average(), last.Max(), last[^1]);
    }

    /// <summary>
    /// The rule for a backlog (metering's queue, ingestion's unsent outbox rows): it keeps growing when its mean over
    /// the last window exceeds its mean over the first by more than <paramref name="allowance"/> — what one sampling
    /// interval of sending adds — so a backlog that merely fluctuates is flat, and one that metering never drains is
    /// not. A run too short to have both windows cannot show growth.
    /// </summary>
    public static bool KeepsGrowing(SoakGrowth? backlog, long allowance) => backlog is not null && backlog.Change > allowance;
}

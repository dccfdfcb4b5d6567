namespace BillingOne.Bench;

/// <summary>
/// The two windows a soak compares: the first after the warm-up and the last before the end. A 30-minute soak warms
/// up for 2 minutes and compares minutes 2–7 with 25–30; a shorter one scales both down (a fifth of the run to warm up,
/// each window at most half of the rest).
/// </summary>
public sealed record SoakWindows(TimeSpan Duration, TimeSpan WarmUp, TimeSpan Length)
{
    private static readonly TimeSpan LongestWarmUp = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan LongestWindow = TimeSpan.FromMinutes(5);

    public static SoakWindows For(TimeSpan duration)
    {
        var warmUp = Min(LongestWarmUp, duration / 5);
        return new SoakWindows(duration, warmUp, Min(LongestWindow, (duration - warmUp) / 2));
    }

    public bool InFirst(TimeSpan at) => at >= WarmUp && at < WarmUp + Length;

    /// <summary>The last window runs to the end of sending, which may finish a little after the planned duration.</summary>
    public bool InLast(TimeSpan at) => at >= Duration - Length;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}

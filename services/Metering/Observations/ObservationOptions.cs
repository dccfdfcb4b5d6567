namespace BillingOne.Metering.Observations;

/// <summary>Settings under <c>Metering:Observations</c>.</summary>
public sealed class ObservationOptions
{
    public const string Section = "Metering:Observations";

    /// <summary>Whether this replica publishes marked buckets' observations and marks every bucket on schedule.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How long a bucket's first unpublished change rests before it is observed, and how often the publisher looks: a
    /// burst of readings within it gives one observation.
    /// </summary>
    public int DebounceSeconds { get; set; } = 5;

    /// <summary>Buckets observed per transaction.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>How often every enabled bucket is observed again, so observations follow elapsed time and new periods.</summary>
    public TimeSpan ScheduleInterval { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan Debounce => TimeSpan.FromSeconds(DebounceSeconds);
}

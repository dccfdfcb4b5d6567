namespace BillingOne.Metering.Anomalies;

/// <summary>Settings under <c>Metering:Anomalies</c>.</summary>
public sealed class UsageAnomalyOptions
{
    public const string Section = "Metering:Anomalies";

    /// <summary>Whether this replica scans the organizations' usage anomalies.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the scanner looks for organizations due a scan.</summary>
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How old an organization's scan of the current examined day may grow before it is scanned again: late readings
    /// can still change a completed day.
    /// </summary>
    public TimeSpan RescanInterval { get; set; } = TimeSpan.FromHours(1);
}

namespace BillingOne.Metering.Domain;

/// <summary>
/// An organization's latest anomaly scan: the <see cref="ExaminedDay"/> its stored anomalies judge and when they were
/// computed.
/// </summary>
public sealed record UsageAnomalyScan(DateOnly ExaminedDay, DateTimeOffset ScannedAt)
{
    /// <summary>
    /// Whether an organization whose latest scan is <paramref name="last"/> (null: never scanned) is scanned again at
    /// <paramref name="now"/>: when the examined day has moved on, or once <paramref name="rescanInterval"/> has passed
    /// since the scan — late readings can still change a completed day.
    /// </summary>
    public static bool IsDue(UsageAnomalyScan? last, UsageAnomalyWindow window, DateTimeOffset now,
        TimeSpan rescanInterval)
    {
        ArgumentNullException.ThrowIfNull(window);
        return last is null || last.ExaminedDay != window.Day || now - last.ScannedAt >= rescanInterval;
    }
}

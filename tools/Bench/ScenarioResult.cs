namespace BillingOne.Bench;

/// <param name="AckedPerSecond">Readings acknowledged as accepted per second, first send to last answer.</param>
/// <param name="StoredPerSecond">Readings per second from first send until metering had stored them all; null for
/// the raw COPY, which stores as it goes.</param>
public sealed record ScenarioResult(
    string Name,
    int Readings,
    TimeSpan AckedIn,
    TimeSpan? StoredIn,
    LatencySummary Latency)
{
    /// <summary>CPU seconds each part of the system used during the scenario (see <see cref="ProcessCpu"/>).</summary>
    public IReadOnlyDictionary<string, double> CpuSeconds { get; init; } = new Dictionary<string, double>();

    /// <summary>Of those, what the runtime's background JIT used (<see cref="JitMeter"/>).</summary>
    public double JitSeconds { get; init; }

    /// <summary>What PostgreSQL logged during the scenario; null where not measured.</summary>
    public WalActivity? Wal { get; init; }

    public double AckedPerSecond => Readings / AckedIn.TotalSeconds;

    public double? StoredPerSecond => StoredIn is { } stored ? Readings / stored.TotalSeconds : null;
}

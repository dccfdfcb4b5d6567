using BillingOne.AppHost.Resources;

namespace BillingOne.AppHost.Supervision;

/// <summary>
/// What to launch for one resource. <see cref="Environment"/> is applied on top of the AppHost's own
/// environment; a null value removes an inherited variable.
/// </summary>
public sealed record ProcessSpec(
    string Name,
    ResourceKind Kind,
    string FileName,
    IReadOnlyList<string> Arguments,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string?> Environment,
    IReadOnlyList<Uri> Urls,
    IHealthProbe? HealthProbe);

/// <summary>How the supervisor treats every process: restarts, health probing, stopping, log size.</summary>
public sealed record SupervisionOptions(
    RestartPolicy Restart,
    TimeSpan StartupTimeout,
    TimeSpan StartupProbeInterval,
    TimeSpan ProbeInterval,
    TimeSpan StopGracePeriod,
    int LogCapacity)
{
    public static SupervisionOptions Default { get; } = new(
        RestartPolicy.Default,
        StartupTimeout: TimeSpan.FromMinutes(2),
        StartupProbeInterval: TimeSpan.FromSeconds(1),
        ProbeInterval: TimeSpan.FromSeconds(5),
        StopGracePeriod: TimeSpan.FromSeconds(10),
        LogCapacity: 2000);
}

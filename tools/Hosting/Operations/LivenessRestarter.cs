using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BillingOne.Hosting;

/// <summary>Marks a project whose <c>/alive</c> is probed, and which is restarted when it keeps failing.</summary>
public sealed class LivenessProbeAnnotation : IResourceAnnotation;

/// <summary>Kubernetes' livenessProbe defaults as deploy/ sets them: every 10 s, 5 s to answer, 3 failures in a row.</summary>
public sealed record LivenessProbeSettings(TimeSpan Period, TimeSpan Timeout, int FailureThreshold)
{
    public static LivenessProbeSettings Default { get; } = new(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5), 3);
}

public static class LivenessProbeExtensions
{
    public const string AlivePath = "/alive";

    public static IResourceBuilder<ProjectResource> WithLivenessProbe(this IResourceBuilder<ProjectResource> project,
        LivenessProbeSettings settings)
    {
        project.ApplicationBuilder.Services.TryAddLivenessRestarter(settings);
        return project.WithAnnotation(new LivenessProbeAnnotation(), ResourceAnnotationMutationBehavior.Replace);
    }

    private static void TryAddLivenessRestarter(this IServiceCollection services, LivenessProbeSettings settings)
    {
        if (services.All(service => service.ServiceType != typeof(LivenessProbeSettings)))
        {
            services.AddSingleton(settings);
            services.AddHostedService<LivenessRestarter>();
        }
    }
}

/// <summary>
/// Aspire restarts nothing that still runs; a process that is alive but no longer answers (docs/reliability.md,
/// "Liveness") would stay wedged until someone acted. Like a Kubernetes livenessProbe, this asks each running instance
/// of a <see cref="LivenessProbeAnnotation"/> project for <c>/alive</c> on its own port (not through the proxy, which
/// spreads replicas), once it has been healthy since its start; after <see cref="LivenessProbeSettings.FailureThreshold"/>
/// failed or unanswered probes in a row its process is killed, as the kubelet kills the container, and
/// <see cref="CrashRestarter"/> starts it again. Killing the process, not asking the orchestrator to stop the resource,
/// matters: a stop sends a signal that a wedged or frozen service does not act on, still holding its port.
/// </summary>
public sealed partial class LivenessRestarter(
    ResourceNotificationService notifications,
    LivenessProbeSettings settings,
    IHostApplicationLifetime lifetime,
    ILogger<LivenessRestarter> logger) : BackgroundService
{
    private readonly Dictionary<string, Instance> instances = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var watching = WatchAsync(stoppingToken);
        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero })
        {
            Timeout = settings.Timeout,
        };
        using var timer = new PeriodicTimer(settings.Period);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (lifetime.ApplicationStopping.IsCancellationRequested)
            {
                break;
            }
            List<(string Id, Instance Instance)> probed;
            lock (gate)
            {
                probed = instances.Where(entry => entry.Value.Probed).Select(entry => (entry.Key, entry.Value)).ToList();
            }
            await Task.WhenAll(probed.Select(entry => ProbeAsync(http, entry.Id, entry.Instance, stoppingToken)));
        }
        await watching;
    }

    private async Task WatchAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var update in notifications.WatchAsync(stoppingToken))
            {
                if (!update.Resource.Annotations.OfType<LivenessProbeAnnotation>().Any())
                {
                    continue;
                }
                lock (gate)
                {
                    if (!instances.TryGetValue(update.ResourceId, out var instance))
                    {
                        instance = instances[update.ResourceId] = new Instance();
                    }
                    instance.Observe(update.Snapshot);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The AppHost is stopping.
        }
    }

    private async Task ProbeAsync(HttpClient http, string resourceId, Instance instance, CancellationToken stoppingToken)
    {
        if (instance.Address is not { } address)
        {
            return;
        }
        string? failure;
        try
        {
            using var response = await http.GetAsync(new Uri(address, LivenessProbeExtensions.AlivePath), stoppingToken);
            failure = response.IsSuccessStatusCode ? null : $"{LivenessProbeExtensions.AlivePath} answered {(int)response.StatusCode}";
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException
                                          && !stoppingToken.IsCancellationRequested)
        {
            failure = $"{LivenessProbeExtensions.AlivePath} did not answer within {settings.Timeout.TotalSeconds:F0} s";
        }
        // The watcher resets the count when the instance restarts: the count changes under the same lock.
        int failures;
        int? processId;
        lock (gate)
        {
            if (failure is null)
            {
                instance.Answered();
                return;
            }
            failures = instance.Failed();
            processId = instance.ProcessId;
            if (failures >= settings.FailureThreshold && !lifetime.ApplicationStopping.IsCancellationRequested)
            {
                instance.Restarting();
            }
        }
        LogProbeFailed(resourceId, failure, failures, settings.FailureThreshold);
        if (failures < settings.FailureThreshold || lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return;
        }
        LogRestarting(resourceId, failures);
        if (processId is not { } pid || !KillService(pid))
        {
            LogRestartFailed(resourceId, processId);
        }
    }

    /// <summary>
    /// Kills a service's process (the program the orchestrator started, AppHost BuiltPrograms), which
    /// <see cref="CrashRestarter"/> then sees as a crash.
    /// </summary>
    private static bool KillService(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            process.Kill(entireProcessTree: true);
            return true;
        }
        catch (Exception exception) when (exception is IOException or ArgumentException or InvalidOperationException
                                          or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>What the probe knows of one running process of a project.</summary>
    private sealed class Instance
    {
        private string? state;
        private bool healthySinceStart;

        /// <summary>Liveness probes failed in a row.</summary>
        private int failures;

        public Uri? Address { get; private set; }

        /// <summary>The process the orchestrator started for the instance: the service's own program.</summary>
        public int? ProcessId { get; private set; }

        /// <summary>Probed while it runs, once healthy since it started: start-up (migrations) is not a failure.</summary>
        public bool Probed => state == KnownResourceStates.Running && healthySinceStart && Address is not null;

        public void Observe(CustomResourceSnapshot snapshot)
        {
            var next = snapshot.State?.Text;
            if (next != state && next != KnownResourceStates.Running)
            {
                Restarting();
            }
            state = next;
            healthySinceStart |= next == KnownResourceStates.Running && snapshot.HealthStatus == HealthStatus.Healthy;
            Address = OwnAddress(snapshot) ?? Address;
            var processId = snapshot.Properties.FirstOrDefault(property => property.Name == "executable.pid")?.Value;
            ProcessId = int.TryParse(Convert.ToString(processId, CultureInfo.InvariantCulture), out var pid) ? pid : ProcessId;
        }

        public void Answered() => failures = 0;

        /// <summary>Counts a failed probe; returns how many failed in a row.</summary>
        public int Failed() => ++failures;

        public void Restarting()
        {
            healthySinceStart = false;
            failures = 0;
        }

        // The instance's own Kestrel address as the orchestrator gave it: its named http endpoint where it also serves
        // gRPC on a second endpoint (Kestrel__Endpoints__*), else ASPNETCORE_URLS.
        private static Uri? OwnAddress(CustomResourceSnapshot snapshot)
        {
            var urls = snapshot.EnvironmentVariables
                .Where(variable => variable.Name is "Kestrel__Endpoints__http__Url" or "ASPNETCORE_URLS")
                .OrderBy(variable => variable.Name == "ASPNETCORE_URLS")
                .FirstOrDefault()?.Value;
            var first = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .FirstOrDefault(url => url.StartsWith("http://", StringComparison.Ordinal));
            return first is null
                ? null
                : new Uri(first.Replace("://+:", "://127.0.0.1:", StringComparison.Ordinal)
                    .Replace("://*:", "://127.0.0.1:", StringComparison.Ordinal)
                    .Replace("://localhost:", "://127.0.0.1:", StringComparison.Ordinal));
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Resource}: liveness probe failed ({Reason}), {Failures} of {Threshold}")]
    private partial void LogProbeFailed(string resource, string reason, int failures, int threshold);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "{Resource} failed {Failures} liveness probes in a row: killing its process to restart it")]
    private partial void LogRestarting(string resource, int failures);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Resource}'s process {ProcessId} could not be killed")]
    private partial void LogRestartFailed(string resource, int? processId);
}

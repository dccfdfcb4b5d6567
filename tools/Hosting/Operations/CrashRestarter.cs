using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BillingOne.Hosting;

/// <summary>Marks a resource that is started again, with back-off, when its process ends without being asked to.</summary>
public sealed class RestartOnCrashAnnotation : IResourceAnnotation;

public static class CrashRestartExtensions
{
    public static IResourceBuilder<T> WithRestartOnCrash<T>(this IResourceBuilder<T> resource) where T : IResource
    {
        resource.ApplicationBuilder.Services.AddHostedService<CrashRestarter>();
        return resource.WithAnnotation(new RestartOnCrashAnnotation(), ResourceAnnotationMutationBehavior.Replace);
    }
}

/// <summary>
/// Aspire leaves a crashed process stopped; services and servers here are expected to come back by themselves, as
/// under Kubernetes. A resource that goes from running to exited without passing through Stopping (which an
/// operator's Stop and the AppHost's shutdown both do) while the AppHost is not stopping crashed: it is started again
/// after <see cref="RestartPolicy"/>'s delay.
/// </summary>
public sealed class CrashRestarter(
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    IHostApplicationLifetime lifetime,
    ILogger<CrashRestarter> logger) : BackgroundService
{
    private readonly RestartPolicy policy = RestartPolicy.Default;
    private readonly Dictionary<string, InstanceHistory> instances = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var update in notifications.WatchAsync(stoppingToken))
        {
            if (!update.Resource.Annotations.OfType<RestartOnCrashAnnotation>().Any())
            {
                continue;
            }
            var state = update.Snapshot.State?.Text;
            if (!instances.TryGetValue(update.ResourceId, out var history))
            {
                history = instances[update.ResourceId] = new InstanceHistory();
            }
            var previous = history.State;
            history.State = state;
            if (state == KnownResourceStates.Running && previous != KnownResourceStates.Running)
            {
                history.RunningSince = DateTime.UtcNow;
            }
            var crashed = state is not null && KnownResourceStates.TerminalStates.Contains(state)
                          && previous == KnownResourceStates.Running;
            // The AppHost's own stop may end a server before the orchestrator stops it (PostgresFastShutdown).
            if (crashed && !lifetime.ApplicationStopping.IsCancellationRequested)
            {
                history.ConsecutiveCrashes = policy.NextConsecutiveCrashes(
                    history.ConsecutiveCrashes, DateTime.UtcNow - history.RunningSince);
                _ = RestartAsync(update.ResourceId, update.Snapshot.ExitCode, history.ConsecutiveCrashes, stoppingToken);
            }
        }
    }

    private async Task RestartAsync(string resourceId, int? exitCode, int consecutiveCrashes, CancellationToken stoppingToken)
    {
        var delay = policy.DelayFor(consecutiveCrashes);
        logger.LogWarning("{Resource} exited unexpectedly (exit code {ExitCode}); starting it again in {Delay:g} (crash {Count} in a row)",
            resourceId, exitCode, delay, consecutiveCrashes);
        try
        {
            await Task.Delay(delay, stoppingToken);
            var result = await commands.ExecuteCommandAsync(resourceId, KnownResourceCommands.StartCommand, stoppingToken);
            if (!result.Success)
            {
                logger.LogError("{Resource} could not be started again: {Reason}", resourceId, result.Message);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The AppHost is stopping: nothing to restart.
        }
    }

    private sealed class InstanceHistory
    {
        public string? State { get; set; }
        public DateTime RunningSince { get; set; } = DateTime.UtcNow;
        public int ConsecutiveCrashes { get; set; }
    }
}

using System.Collections.Concurrent;
using System.Diagnostics;
using BillingOne.Metering.Data;
using BillingOne.Metering.Domain;
using BillingOne.Metering.Telemetry;

namespace BillingOne.Metering.Provisioning;

/// <summary>
/// Runs auto-provisioning for one organization at a time (per organization, across replicas: see
/// <see cref="ProvisioningRunStore"/>) and records each run's outcome. Manual runs work in the background; the
/// schedule waits for its runs.
/// </summary>
public sealed partial class ProvisioningRunner(
    ProvisioningRunStore runs,
    IServiceScopeFactory scopeFactory,
    MeteringMetrics metrics,
    TimeProvider timeProvider,
    ILogger<ProvisioningRunner> logger) : IAsyncDisposable
{
    private static readonly ActivitySource Source = new(TelemetryNames.BillingOne);

    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<Guid, Task> backgroundRuns = new();

    /// <summary>
    /// Starts a run in the background unless one is already running for the organization. Returns the run and
    /// whether this call started it (otherwise it is the run in progress).
    /// </summary>
    public async Task<(ProvisioningRun Run, bool Started)> StartManualAsync(Guid orgId, Guid requestedBy,
        CancellationToken cancellationToken)
    {
        var start = await runs.StartAsync(orgId, ProvisioningTrigger.Manual, requestedBy, null, cancellationToken);
        if (start.Lease is not { } lease)
        {
            return (start.Run!, false);
        }
        var runId = lease.Run.Id;
        var background = Task.Run(() => ExecuteAsync(lease, stopping.Token), CancellationToken.None);
        backgroundRuns[runId] = background;
        _ = background.ContinueWith(_ => backgroundRuns.TryRemove(runId, out var _), TaskScheduler.Default);
        return (lease.Run, true);
    }

    /// <summary>Runs the schedule's pass over the organization to its end, unless a run is in progress or this
    /// occurrence has already been run (by another replica).</summary>
    public async Task RunScheduledAsync(Guid orgId, DateTimeOffset occurrence, CancellationToken cancellationToken)
    {
        var start = await runs.StartAsync(orgId, ProvisioningTrigger.Schedule, null, occurrence, cancellationToken);
        if (start.Lease is not { } lease)
        {
            LogScheduledRunSkipped(orgId, occurrence);
            return;
        }
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stopping.Token);
        await ExecuteAsync(lease, linked.Token);
    }

    private async Task ExecuteAsync(ProvisioningLease lease, CancellationToken cancellationToken)
    {
        await using (lease)
        {
            var run = lease.Run;
            using var activity = Source.StartActivity("metering provisioning run");
            activity?.SetTag("billingone.org_id", run.OrgId);
            activity?.SetTag("billingone.provisioning.trigger", run.Trigger.ToApiName());
            var started = timeProvider.GetTimestamp();
            LogRunStarted(run.Id, run.Trigger.ToApiName(), run.OrgId);
            ProvisioningRun finished;
            try
            {
                await using (var scope = scopeFactory.CreateAsyncScope())
                {
                    await scope.ServiceProvider.GetRequiredService<ProvisioningStore>()
                        .ProvisionAsync(lease, cancellationToken);
                }
                finished = await lease.FinishAsync(ProvisioningRunStatus.Succeeded, null);
            }
            catch (Exception exception)
            {
                var stopped = exception is OperationCanceledException && cancellationToken.IsCancellationRequested;
                if (stopped)
                {
                    LogRunStopped(run.Id, run.OrgId);
                }
                else
                {
                    LogRunFailed(exception, run.Id, run.OrgId);
                }
                activity?.SetStatus(ActivityStatusCode.Error);
                // The caller sees what happened and where to look; the exception itself stays in the logs.
                var error = stopped
                    ? "The service stopped before the run finished."
                    : "The run failed unexpectedly; the service log has the details" +
                        (activity is null ? "." : $" (trace {activity.TraceId}).");
                try
                {
                    finished = await lease.FinishAsync(ProvisioningRunStatus.Failed, error);
                }
                catch (Exception finishException)
                {
                    // The row stays 'running' until the next start finds nobody holding its lock and closes it.
                    LogFinishFailed(finishException, run.Id, run.OrgId);
                    return;
                }
            }
            metrics.ProvisioningRunFinished(finished, timeProvider.GetElapsedTime(started));
            LogRunFinished(finished.Id, finished.Status.ToApiName(), finished.BucketsCreated, finished.AssetsBound,
                finished.OrgId);
        }
    }

    /// <summary>Stops background runs (they record that they were stopped) and waits for them.</summary>
    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await Task.WhenAll(backgroundRuns.Values);
        stopping.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Provisioning run {RunId} ({Trigger}) started in organization {OrgId}")]
    private partial void LogRunStarted(Guid runId, string trigger, Guid orgId);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Provisioning run {RunId} {Status}: {BucketsCreated} buckets created, {AssetsBound} assets bound in organization {OrgId}")]
    private partial void LogRunFinished(Guid runId, string status, int bucketsCreated, int assetsBound, Guid orgId);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Scheduled provisioning of organization {OrgId} for {Occurrence} skipped: a run is in progress or the occurrence was run")]
    private partial void LogScheduledRunSkipped(Guid orgId, DateTimeOffset occurrence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Provisioning run {RunId} in organization {OrgId} stopped with the service")]
    private partial void LogRunStopped(Guid runId, Guid orgId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Provisioning run {RunId} in organization {OrgId} failed")]
    private partial void LogRunFailed(Exception exception, Guid runId, Guid orgId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not record the end of provisioning run {RunId} in organization {OrgId}")]
    private partial void LogFinishFailed(Exception exception, Guid runId, Guid orgId);
}

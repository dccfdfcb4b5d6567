using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BillingOne.BuildingBlocks.Integrations;

/// <summary>
/// Runs the service's queued syncs one after another and queues the scheduled ones when they fall due. Polling the
/// table (rather than a message) keeps a run accepted with 202 in the database only, so it is never lost in between.
/// Safe in several replicas: each claims a different run and holds its lease while it works
/// (<see cref="SyncRunStore.ClaimNextAsync"/>), so a sweep fails only the runs of processes that are gone.
/// </summary>
public sealed partial class SyncWorker(
    IServiceScopeFactory scopes,
    IntegrationCatalog catalog,
    SyncRunStore runs,
    IntegrationSettingsStore settings,
    TimeProvider clock,
    ILogger<SyncWorker> logger) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>How often scheduled runs are queued when due and runs left by a stopped process are failed.</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(30);

    private static readonly ActivitySource Activities = new(TelemetryNames.BillingOne);
    private static readonly Meter Meter = new(TelemetryNames.BillingOne);
    private static readonly Histogram<double> Durations = Meter.CreateHistogram<double>("billingone.sync.duration", "s",
        "How long vendor syncs take, by integration and outcome.");

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (catalog.Names.Count == 0)
        {
            return;
        }
        // Swept first at start-up, before any run is claimed, then every SweepInterval: a replica that died mid-run may
        // never start again (scaled down), so the others fail its run.
        var nextSweep = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (clock.GetUtcNow() >= nextSweep)
                {
                    await FailInterruptedAsync(stoppingToken);
                    await QueueDueAsync(stoppingToken);
                    nextSweep = clock.GetUtcNow() + SweepInterval;
                }
                while (await runs.ClaimNextAsync(catalog.Names, stoppingToken) is { } lease)
                {
                    await using (lease)
                    {
                        await ExecuteAsync(lease.Run, stoppingToken);
                    }
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogPollFailed(exception);
            }
            try
            {
                await Task.Delay(PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task FailInterruptedAsync(CancellationToken cancellationToken)
    {
        // The failed runs' events name their integrations; one that cannot be resolved is named by its key instead.
        await using var scope = scopes.CreateAsyncScope();
        await runs.FailInterruptedAsync(catalog.Names,
            name => scope.ServiceProvider.GetKeyedService<IIntegration>(name)?.DisplayName, cancellationToken);
    }

    private async Task QueueDueAsync(CancellationToken cancellationToken)
    {
        foreach (var (orgId, integration) in await settings.TakeDueAsync(catalog.Names, cancellationToken))
        {
            await runs.EnqueueAsync(orgId, integration, SyncTriggers.Scheduled, "schedule", cancellationToken);
        }
    }

    private async Task ExecuteAsync(SyncRun run, CancellationToken stoppingToken)
    {
        using var activity = Activities.StartActivity($"sync {run.Integration}");
        activity?.SetTag("billingone.org_id", run.OrgId);
        activity?.SetTag("billingone.sync.run_id", run.Id);
        var started = Stopwatch.GetTimestamp();
        SyncContext? context = null;
        string? error = null;
        string? name = null;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var integration = IntegrationCatalog.Resolve(scope.ServiceProvider, run.Integration);
            var saved = await settings.FindAsync(run.OrgId, run.Integration, stoppingToken);
            var (values, _) = IntegrationSettingsSource.Effective(integration, saved);
            name = values is null ? integration.DisplayName : integration.DisplayNameFor(values);
            if (values is null)
            {
                error = $"{integration.DisplayName} has no settings: enter them under Settings → Integrations.";
            }
            else if (saved is { Enabled: false })
            {
                error = $"{integration.DisplayName} is switched off under Settings → Integrations.";
            }
            else
            {
                context = new SyncContext(run, values, runs, clock);
                await integration.SyncAsync(context, stoppingToken);
            }
        }
        catch (Exception exception)
        {
            LogRunFailed(exception, run.Integration, run.Id);
            error = stoppingToken.IsCancellationRequested
                ? SyncRunStore.InterruptedError
                : $"The sync failed and applied nothing: {Describe(exception)}";
        }
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Durations.Record(seconds, new("integration", run.Integration), new("outcome", error is null ? "completed" : "failed"));
        activity?.SetStatus(error is null ? ActivityStatusCode.Ok : ActivityStatusCode.Error, error);
        await runs.FinishAsync(run, context, error, name, CancellationToken.None);
        LogRunFinished(run.Integration, run.Id, error is null ? SyncRunStatus.Completed : SyncRunStatus.Failed,
            context?.Added ?? 0, context?.Changed ?? 0, context?.Removed ?? 0, seconds);
    }

    /// <summary>What an operator can act on: the vendor's refusal or the rejected page, without a stack trace.</summary>
    private static string Describe(Exception exception) => exception switch
    {
        HttpRequestException { StatusCode: { } status } http => $"the vendor answered {(int)status} {status}: {http.Message}",
        TimeoutException or TaskCanceledException => "the vendor did not answer in time.",
        _ => exception.Message,
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Sync {Integration} run {RunId} failed.")]
    private partial void LogRunFailed(Exception exception, string integration, Guid runId);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Sync {Integration} run {RunId} {Status}: {Added} added, {Changed} changed, {Removed} removed in {Seconds:F1} s.")]
    private partial void LogRunFinished(string integration, Guid runId, string status, int added, int changed, int removed,
        double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for queued, due or interrupted syncs failed.")]
    private partial void LogPollFailed(Exception exception);
}

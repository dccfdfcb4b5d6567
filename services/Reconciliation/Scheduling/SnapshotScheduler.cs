using BillingOne.BuildingBlocks.Hosting;
using BillingOne.BuildingBlocks.Integrations;
using BillingOne.Reconciliation.Data;
using BillingOne.Reconciliation.Integrations;

namespace BillingOne.Reconciliation.Scheduling;

/// <summary>
/// Takes the device snapshots organizations schedule: when an organization's occurrence comes, queues a run of its RMM
/// integration's sync, exactly as Snapshot Now does (the sync worker runs it). A run already queued or running is the
/// occurrence's snapshot: no second one is queued. Every replica runs this; the schedule's compare-and-set lets one act.
/// </summary>
public sealed partial class SnapshotScheduler(
    SnapshotScheduleStore schedules,
    SyncRunStore runs,
    IntegrationSettingsStore settings,
    IServiceScopeFactory scopes,
    TimeProvider clock,
    ILogger<SnapshotScheduler> logger) : PeriodicWorker(clock)
{
    /// <summary>Who the run history names as having asked for a scheduled snapshot.</summary>
    public const string Requester = "snapshot schedule";

    protected override TimeSpan Interval { get; } = TimeSpan.FromSeconds(30);

    protected override Task RunPassAsync(CancellationToken cancellationToken) => TickAsync(cancellationToken);

    protected override void OnPassFailed(Exception exception) => LogTickFailed(exception);

    /// <summary>One pass over the due schedules; one organization's failure does not hold up the others.</summary>
    public async Task TickAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<(Guid OrgId, StoredSnapshotSchedule Schedule)> due;
        try
        {
            due = await schedules.DueAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogTickFailed(exception);
            return;
        }
        foreach (var (orgId, stored) in due)
        {
            try
            {
                if (await schedules.MoveAsync(orgId, stored.NextRunAt!.Value,
                        stored.Schedule.NextOccurrenceAfter(Clock.GetUtcNow()), cancellationToken))
                {
                    await StartSnapshotAsync(orgId, stored.NextRunAt.Value, cancellationToken);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogOrganizationFailed(exception, orgId);
            }
        }
    }

    private async Task StartSnapshotAsync(Guid orgId, DateTimeOffset occurrence, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var integration = IntegrationCatalog.Resolve(scope.ServiceProvider, RmmIntegration.IntegrationName);
        var saved = await settings.FindAsync(orgId, RmmIntegration.IntegrationName, cancellationToken);
        if (IntegrationSettingsSource.Effective(integration, saved).Values is null || saved is { Enabled: false })
        {
            LogSkipped(orgId, occurrence, "the RMM integration is not set up or is switched off");
            return;
        }
        var (run, queued) = await runs.EnqueueAsync(orgId, RmmIntegration.IntegrationName, SyncTriggers.Scheduled,
            Requester, cancellationToken);
        if (queued)
        {
            LogQueued(orgId, occurrence, run.Id);
        }
        else
        {
            LogSkipped(orgId, occurrence, $"sync run {run.Id} is already {run.Status}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Scheduled device snapshot of organization {OrgId} for {Occurrence} queued as sync run {RunId}")]
    private partial void LogQueued(Guid orgId, DateTimeOffset occurrence, Guid runId);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Scheduled device snapshot of organization {OrgId} for {Occurrence} skipped: {Reason}")]
    private partial void LogSkipped(Guid orgId, DateTimeOffset occurrence, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The snapshot scheduler could not read the due schedules; it tries again in 30 s")]
    private partial void LogTickFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The snapshot schedule of organization {OrgId} failed")]
    private partial void LogOrganizationFailed(Exception exception, Guid orgId);
}

using BillingOne.BuildingBlocks.Auditing;
using BillingOne.BuildingBlocks.Hosting;
using BillingOne.Metering.Data;
using BillingOne.Metering.Domain;
using Microsoft.Extensions.Options;

namespace BillingOne.Metering.BillingRuns;

/// <summary>
/// Every <see cref="BillingOptions.SchedulerInterval"/>, for each organization that bills: queues the run its monthly
/// schedule is due for once the month has ended in every client's time zone, and finalizes months whose grace period
/// (the organization's billing grace days, set in identity) has passed. Every replica runs this; the schedule's compare-and-set and the period lock let one of them act.
/// </summary>
public sealed partial class BillingScheduler(
    BillingSettingsStore settings,
    BillingRunStore runs,
    BillingReadingStore readings,
    BucketQueries buckets,
    IServiceScopeFactory scopeFactory,
    IOptions<BillingOptions> options,
    TimeProvider timeProvider,
    ILogger<BillingScheduler> logger) : PeriodicWorker(timeProvider)
{
    protected override TimeSpan Interval => options.Value.SchedulerInterval;

    protected override bool Enabled => options.Value.SchedulerEnabled;

    protected override Task RunPassAsync(CancellationToken cancellationToken) => TickAsync(cancellationToken);

    protected override void OnPassFailed(Exception exception) => LogTickFailed(exception);

    /// <summary>One pass over every organization; one organization's failure does not hold up the others.</summary>
    public async Task TickAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<BillingOrganization> organizations;
        try
        {
            organizations = await settings.BillingOrganizationsAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogTickFailed(exception);
            return;
        }
        await using var scope = scopeFactory.CreateAsyncScope();
        var audit = scope.ServiceProvider.GetRequiredService<IAuditTrail>();
        foreach (var (orgId, orgSettings, grace) in organizations)
        {
            try
            {
                if (orgSettings.ScheduleEnabled)
                {
                    await RunScheduleAsync(orgId, orgSettings, audit, cancellationToken);
                }
                await FinalizeExpiredAsync(orgId, grace, audit, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogOrganizationFailed(exception, orgId);
            }
        }
    }

    private async Task RunScheduleAsync(Guid orgId, BillingSettings orgSettings, IAuditTrail audit,
        CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        var (planned, due) = await settings.NextRunAsync(orgId, cancellationToken);
        if (!planned)
        {
            // An organization starts billing on its next occurrence, not on the ones before it billed at all.
            await settings.MoveScheduleAsync(orgId, null, orgSettings.NextOccurrenceAfter(now), cancellationToken);
            return;
        }
        if (due is not { } occurrence || occurrence > now)
        {
            return;
        }
        var month = BillingSettings.MonthBilledAt(occurrence);
        var periods = await buckets.PeriodsForMonthAsync(orgId, month.Year, month.Month, cancellationToken);
        if (!BillingMonth.HasEnded(periods, now)
            || !await settings.MoveScheduleAsync(orgId, occurrence, orgSettings.NextOccurrenceAfter(now),
                cancellationToken))
        {
            return;
        }
        var request = await runs.RequestAsync(orgId, month, null, BillingRunTrigger.Schedule, audit,
            AuditActor.Service(orgId), cancellationToken);
        if (request.Queued is { } run)
        {
            LogScheduledRun(orgId, month.ToString(), run.Id);
        }
        else
        {
            LogScheduledRunSkipped(orgId, month.ToString(), request.Finalized ? "it is finalized" : "a run is in progress");
        }
    }

    private async Task FinalizeExpiredAsync(Guid orgId, GracePeriod grace, IAuditTrail audit,
        CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        foreach (var (month, latestEnd) in await readings.DraftMonthsAsync(orgId, cancellationToken))
        {
            if (!grace.HasPassed(latestEnd, now))
            {
                continue;
            }
            var result = await readings.FinalizeAsync(orgId, month, audit, AuditActor.Service(orgId),
                cancellationToken);
            if (result.Outcome == FinalizeOutcome.Finalized)
            {
                LogFinalized(orgId, month.ToString(), result.Lines);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled billing run {RunId} of {Period} for organization {OrgId} queued")]
    private partial void LogScheduledRun(Guid orgId, string period, Guid runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scheduled billing of {Period} for organization {OrgId} skipped: {Reason}")]
    private partial void LogScheduledRunSkipped(Guid orgId, string period, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Grace period over: {Period} of organization {OrgId} finalized ({Lines} lines)")]
    private partial void LogFinalized(Guid orgId, string period, int lines);

    [LoggerMessage(Level = LogLevel.Error, Message = "The billing scheduler could not list the organizations")]
    private partial void LogTickFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The billing schedule of organization {OrgId} failed")]
    private partial void LogOrganizationFailed(Exception exception, Guid orgId);
}

using BillingOne.Metering.Data;
using Cronos;
using Microsoft.Extensions.Options;

namespace BillingOne.Metering.Provisioning;

/// <summary>
/// Runs auto-provisioning over every organization with templates on <see cref="AutoProvisioningOptions.Schedule"/>
/// (UTC). Every replica runs this schedule; the run lock and the occurrence check in <see cref="ProvisioningRunStore"/>
/// make one of them do the work. Time comes from <see cref="TimeProvider"/>, so tests can move the clock.
/// </summary>
public sealed partial class ProvisioningScheduler(
    ProvisioningRunner runner,
    ProvisioningRunStore runs,
    IOptions<AutoProvisioningOptions> options,
    TimeProvider timeProvider,
    ILogger<ProvisioningScheduler> logger) : BackgroundService
{
    // Timers take at most ~49 days; waking up daily keeps long schedules (yearly) within that.
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var schedule = CronExpression.Parse(options.Value.Schedule);
        try
        {
            while (schedule.GetNextOccurrence(timeProvider.GetUtcNow(), TimeZoneInfo.Utc) is { } occurrence)
            {
                for (var now = timeProvider.GetUtcNow(); now < occurrence; now = timeProvider.GetUtcNow())
                {
                    var wait = occurrence - now;
                    await Task.Delay(wait < LongestWait ? wait : LongestWait, timeProvider, stoppingToken);
                }
                await RunOccurrenceAsync(occurrence, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task RunOccurrenceAsync(DateTimeOffset occurrence, CancellationToken stoppingToken)
    {
        IReadOnlyList<Guid> orgIds;
        try
        {
            orgIds = await runs.OrganizationsWithTemplatesAsync(stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogOccurrenceFailed(exception, occurrence);
            return;
        }
        LogOccurrenceStarted(occurrence, orgIds.Count);
        foreach (var orgId in orgIds)
        {
            try
            {
                await runner.RunScheduledAsync(orgId, occurrence, stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // One organization's failure (its run is recorded as failed) must not starve the others.
                LogOrganizationFailed(exception, orgId, occurrence);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Scheduled auto-provisioning for {Occurrence}: {OrganizationCount} organizations with templates")]
    private partial void LogOccurrenceStarted(DateTimeOffset occurrence, int organizationCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled auto-provisioning for {Occurrence} could not list the organizations")]
    private partial void LogOccurrenceFailed(Exception exception, DateTimeOffset occurrence);

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled auto-provisioning of organization {OrgId} for {Occurrence} failed")]
    private partial void LogOrganizationFailed(Exception exception, Guid orgId, DateTimeOffset occurrence);
}

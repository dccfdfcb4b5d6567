using BillingOne.BuildingBlocks.Hosting;
using BillingOne.Projection.Data;

namespace BillingOne.Projection.Projections;

/// <summary>
/// Runs the queued rebuilds one after another, each in a scope of its own (audited as the service, whose work it is,
/// whoever asked). A rebuild that fails changed nothing: its transaction rolled back.
/// </summary>
public sealed partial class RebuildWorker(
    RebuildJobStore jobs,
    IServiceScopeFactory scopes,
    ILogger<RebuildWorker> logger) : PeriodicWorker(TimeProvider.System)
{
    /// <summary>On the system clock: polling is plumbing, whatever clock the read models' rules read.</summary>
    protected override TimeSpan Interval { get; } = TimeSpan.FromSeconds(1);

    protected override async Task RunPassAsync(CancellationToken cancellationToken)
    {
        while (await jobs.ClaimNextAsync(cancellationToken) is { } job)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<ProjectionRebuilder>().RebuildAsync(job.OrgId,
                    (total, replayed) => jobs.ReportProgressAsync(job.Id, total, replayed, cancellationToken),
                    cancellationToken);
                await jobs.CompleteAsync(job.Id, result.Events, result.Clients, cancellationToken);
                LogCompleted(job.Id, job.OrgId, result.Events);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                LogFailed(exception, job.Id);
                await jobs.FailAsync(job.Id, $"The rebuild failed and changed nothing: {exception.Message}", cancellationToken);
            }
        }
    }

    protected override void OnPassFailed(Exception exception) => LogPollFailed(exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rebuild {RebuildId} of organization {OrgId} replayed {Events} events")]
    private partial void LogCompleted(Guid rebuildId, Guid orgId, long events);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rebuild {RebuildId} failed")]
    private partial void LogFailed(Exception exception, Guid rebuildId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Looking for queued rebuilds failed")]
    private partial void LogPollFailed(Exception exception);
}

using BillingOne.BuildingBlocks.Auditing;
using BillingOne.BuildingBlocks.Hosting;
using BillingOne.Metering.Data;
using BillingOne.Metering.Domain;

namespace BillingOne.Metering.BillingRuns;

/// <summary>
/// Executes queued billing runs one after another. Polling (rather than a message) keeps a queued run in the database
/// only, so a request answered 202 is never lost between the answer and a publish.
/// </summary>
public sealed partial class BillingRunWorker(
    BillingRunStore runs,
    BillingRunExecutor executor,
    IServiceScopeFactory scopeFactory,
    ILogger<BillingRunWorker> logger) : PeriodicWorker(TimeProvider.System)
{
    /// <summary>On the system clock: polling is plumbing, whatever clock the billing rules read.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    protected override TimeSpan Interval => PollInterval;

    protected override async Task RunPassAsync(CancellationToken cancellationToken)
    {
        while (await runs.ClaimNextAsync(cancellationToken) is { } lease)
        {
            await using (lease)
            {
                await RunAsync(lease.Run, cancellationToken);
            }
        }
    }

    protected override void OnPassFailed(Exception exception) => LogPollFailed(exception);

    private async Task RunAsync(BillingRun run, CancellationToken stoppingToken)
    {
        try
        {
            // Adjustments are audited as the service: the run is the service's work, whoever asked for it.
            await using var scope = scopeFactory.CreateAsyncScope();
            await executor.ExecuteAsync(run, scope.ServiceProvider.GetRequiredService<IAuditTrail>(), stoppingToken);
        }
        catch (Exception exception)
        {
            // The drafts are written in one transaction with the completion, so a failed run changed nothing.
            LogRunFailed(exception, run.Id);
            await runs.FinishAsync(run, BillingRunStatus.Failed, stoppingToken.IsCancellationRequested
                ? "The run was interrupted (its service stopped) before it finished."
                : "The run failed; nothing was written. See the metering service's log.");
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Billing run {RunId} failed.")]
    private partial void LogRunFailed(Exception exception, Guid runId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Looking for queued billing runs failed.")]
    private partial void LogPollFailed(Exception exception);
}

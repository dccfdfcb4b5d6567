using BillingOne.BuildingBlocks.Auditing;
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
    ILogger<BillingRunWorker> logger) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await runs.ClaimNextAsync(stoppingToken) is { } lease)
                {
                    await using (lease)
                    {
                        await RunAsync(lease.Run, stoppingToken);
                    }
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogPollFailed(exception);
            }
            try
            {
                await Task.Delay(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

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

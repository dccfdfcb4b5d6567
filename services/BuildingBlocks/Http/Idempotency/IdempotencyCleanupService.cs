using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BillingOne.BuildingBlocks.Http.Idempotency;

/// <summary>
/// Deletes expired keys now and then. Correctness does not depend on it (an expired key counts as absent when it
/// is used again); it only keeps the table to about a day of requests. Every replica may run it: deletes are
/// idempotent.
/// </summary>
internal sealed partial class IdempotencyCleanupService(
    IdempotentRequestStore store,
    TimeProvider time,
    IOptions<IdempotencyOptions> options,
    ILogger<IdempotencyCleanupService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CleanupInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var deleted = await store.DeleteExpiredAsync(time.GetUtcNow(), stoppingToken);
                    LogDeleted(deleted);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // The next tick tries again; a database outage must not stop the service.
                    LogFailed(exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deleted {Count} expired idempotency keys")]
    private partial void LogDeleted(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting expired idempotency keys failed")]
    private partial void LogFailed(Exception exception);
}

using BillingOne.BuildingBlocks.Hosting;
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
    ILogger<IdempotencyCleanupService> logger) : PeriodicWorker(time)
{
    protected override TimeSpan Interval => options.Value.CleanupInterval;

    protected override bool PassAtStart => false;

    protected override async Task RunPassAsync(CancellationToken cancellationToken) =>
        LogDeleted(await store.DeleteExpiredAsync(Clock.GetUtcNow(), cancellationToken));

    protected override void OnPassFailed(Exception exception) => LogFailed(exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Deleted {Count} expired idempotency keys")]
    private partial void LogDeleted(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting expired idempotency keys failed; the next pass tries again")]
    private partial void LogFailed(Exception exception);
}

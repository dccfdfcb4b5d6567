using BillingOne.BuildingBlocks.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace BillingOne.BuildingBlocks.Retention;

/// <summary>What one pass deleted of one kind of row, and in how many batches.</summary>
public sealed record PurgeOutcome(string Name, int Deleted, int Batches);

/// <summary>
/// The one purge loop of a service: every <see cref="RetentionOptions.Interval"/> it runs each registered
/// <see cref="IRetentionPurge"/> a batch at a time until a batch comes back short. Batches are separate short
/// transactions that skip locked rows, so the purge never waits for ingest nor makes ingest wait for more than one
/// batch. Every replica may run it: deletes are idempotent.
/// </summary>
public sealed partial class RetentionPurgeWorker(
    IEnumerable<IRetentionPurge> purges,
    IOptions<RetentionOptions> options,
    TimeProvider clock,
    ILogger<RetentionPurgeWorker> logger) : PeriodicWorker(clock)
{
    protected override TimeSpan Interval => options.Value.Interval;

    protected override bool Enabled => options.Value.Enabled;

    protected override async Task RunPassAsync(CancellationToken cancellationToken) =>
        await PurgeAllAsync(cancellationToken);

    protected override void OnPassFailed(Exception exception) => LogFailed(exception);

    /// <summary>Deletes every expired row of every registered kind; what was deleted of each.</summary>
    public async Task<IReadOnlyList<PurgeOutcome>> PurgeAllAsync(CancellationToken cancellationToken)
    {
        var batchSize = options.Value.BatchSize;
        var outcomes = new List<PurgeOutcome>();
        foreach (var purge in purges)
        {
            var now = Clock.GetUtcNow();
            var (deleted, batches) = (0, 0);
            int inBatch;
            do
            {
                inBatch = await purge.DeleteBatchAsync(now, batchSize, cancellationToken);
                deleted += inBatch;
                batches++;
            }
            while (inBatch == batchSize);
            if (deleted > 0)
            {
                LogPurged(purge.Name, deleted, batches);
            }
            outcomes.Add(new PurgeOutcome(purge.Name, deleted, batches));
        }
        return outcomes;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Purged {Count} expired {Kind} rows in {Batches} batches")]
    private partial void LogPurged(string kind, int count, int batches);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging expired rows failed; the next pass tries again")]
    private partial void LogFailed(Exception exception);
}

namespace BillingOne.BuildingBlocks.Retention;

/// <summary>
/// One kind of row that stops guarding anything after a while (inbox records, sent outbox rows, idempotency keys,
/// webhook receipts): deleted by <see cref="RetentionPurgeWorker"/> a batch at a time.
/// </summary>
public interface IRetentionPurge
{
    /// <summary>What is purged, for logs and results ("inbox", "outbox-sent", ...).</summary>
    string Name { get; }

    /// <summary>
    /// Deletes up to <paramref name="batchSize"/> rows that expired by <paramref name="now"/>, in one short
    /// transaction that skips rows other transactions hold; returns how many it deleted.
    /// </summary>
    Task<int> DeleteBatchAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken);
}

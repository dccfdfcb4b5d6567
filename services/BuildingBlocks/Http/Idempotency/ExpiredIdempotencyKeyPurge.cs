using BillingOne.BuildingBlocks.Retention;

namespace BillingOne.BuildingBlocks.Http.Idempotency;

/// <summary>
/// Deletes keys older than <see cref="IdempotencyOptions.Retention"/>. Correctness does not depend on it (an expired
/// key counts as absent when it is used again); it only keeps the table to about a day of requests.
/// </summary>
internal sealed class ExpiredIdempotencyKeyPurge(IdempotentRequestStore store) : IRetentionPurge
{
    public string Name => "idempotency-keys";

    public Task<int> DeleteBatchAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken) =>
        store.DeleteExpiredAsync(now, batchSize, cancellationToken);
}

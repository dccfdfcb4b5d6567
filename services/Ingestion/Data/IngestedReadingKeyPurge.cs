using BillingOne.BuildingBlocks.Retention;
using BillingOne.Ingestion.Domain;
using Npgsql;

namespace BillingOne.Ingestion.Data;

/// <summary>
/// Deletes reading idempotency keys once they can no longer match an acceptable reading: a key received more than
/// <see cref="IngestLimits.Retention"/> + <see cref="IngestLimits.FutureSkew"/> ago belongs to a reading observed
/// more than <see cref="IngestLimits.Retention"/> ago (a reading is observed at most the skew after its receipt), and
/// the same reading sent again is refused as too old, so it is never stored twice.
/// </summary>
public sealed class IngestedReadingKeyPurge(NpgsqlDataSource dataSource, IngestLimits limits) : IRetentionPurge
{
    public string Name => "ingested-reading-keys";

    /// <summary>How long a key is kept after its reading was received.</summary>
    public TimeSpan Window => limits.Retention + limits.FutureSkew;

    public Task<int> DeleteBatchAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken) =>
        ExpiredRows.DeleteBatchAsync(dataSource, "ingested_readings", "received_at < @cutoff", now - Window, batchSize,
            cancellationToken);
}

using BillingOne.BuildingBlocks.Retention;
using BillingOne.Contracts.Events;
using Npgsql;

namespace BillingOne.Metering.Data;

/// <summary>
/// Deletes reading ids once they can no longer match an acceptable reading: ingestion refuses a reading observed
/// longer ago than its <c>Ingest:Retention</c> (read here from the same setting), so the same reading sent again is
/// refused before it could be stored twice.
/// </summary>
public sealed class ReadingIdPurge(NpgsqlDataSource dataSource, IConfiguration configuration) : IRetentionPurge
{
    public string Name => "reading-ids";

    /// <summary>How long after its observation a reading's id is kept.</summary>
    public TimeSpan Window => configuration.GetValue("Ingest:Retention", AcceptedReading.DefaultMaxAge);

    public Task<int> DeleteBatchAsync(DateTimeOffset now, int batchSize, CancellationToken cancellationToken) =>
        ExpiredRows.DeleteBatchAsync(dataSource, "stored_reading_ids", "observed_at < @cutoff", now - Window,
            batchSize, cancellationToken);
}

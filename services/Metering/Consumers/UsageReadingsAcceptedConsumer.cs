using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using BillingOne.Metering.Data;
using BillingOne.Metering.Domain;
using BillingOne.Metering.Telemetry;
using Npgsql;

namespace BillingOne.Metering.Consumers;

/// <summary>
/// Stores each batch ingestion accepted: the raw readings, and the assets they come from (discovered on first
/// sight, assigned by the sending key's client scope or the oldest matching assignment rule), marking the buckets they
/// feed for a (debounced) usage observation. The inbox applies a message once; storage is also idempotent by reading
/// id, so another message carrying the same readings changes nothing either, and a reading that reuses a stored id
/// with another payload becomes an ingest exception.
/// </summary>
public sealed partial class UsageReadingsAcceptedConsumer(
    NpgsqlDataSource dataSource,
    IInbox inbox,
    IOutbox outbox,
    ReadingStore readings,
    MeteringMetrics metrics,
    ILogger<UsageReadingsAcceptedConsumer> logger) : InboxConsumer<UsageReadingsAccepted>(dataSource, inbox)
{
    protected override async Task ApplyAsync(UsageReadingsAccepted message, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        var batch = ReadingBatch.Create(message.Readings, out var error)
            ?? throw new MessageValidationException($"Batch {message.BatchId}: {error}");
        if (batch.Readings.Count == 0)
        {
            return;
        }

        var result = await readings.StoreAsync(transaction, message, batch, cancellationToken);
        await outbox.EnqueueAllAsync(transaction, result.Discovered.Select(asset => new AssetDiscovered(message.OrgId,
            asset.Id, asset.Source, asset.ExternalId, asset.ClientId, asset.FirstSeenAt)).ToList(), cancellationToken);
        metrics.BatchStored(result);
        LogBatchStored(message.BatchId, message.OrgId, result.Stored, result.AlreadyStored, result.Discovered.Count);
        if (result.Conflicts > 0)
        {
            LogConflicts(message.BatchId, message.OrgId, result.Conflicts);
        }
    }

    // Debug: one line per request, which its trace already records.
    [LoggerMessage(Level = LogLevel.Debug,
        Message = "Batch {BatchId} of organization {OrgId}: {Stored} readings stored, {AlreadyStored} stored before, " +
            "{Discovered} assets discovered")]
    private partial void LogBatchStored(Guid batchId, Guid orgId, int stored, int alreadyStored, int discovered);

    // Information: the sender reused ids with other payloads, which someone should look at (the ingest exceptions).
    [LoggerMessage(Level = LogLevel.Information,
        Message = "Batch {BatchId} of organization {OrgId}: {Conflicts} readings repeated a stored reading's id with " +
            "another payload and were recorded as ingest exceptions")]
    private partial void LogConflicts(Guid batchId, Guid orgId, int conflicts);
}

using System.Collections.ObjectModel;
using BillingOne.BuildingBlocks.Messaging;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Contracts.Events;
using BillingOne.Ingestion.Data;
using BillingOne.Ingestion.Domain;
using BillingOne.Ingestion.Transport;
using Npgsql;

namespace BillingOne.Ingestion.Application;

/// <summary>The answer to one ingest call: per-reading outcomes, and the batch id when anything was accepted.</summary>
public sealed record IngestedBatch(Guid? BatchId, IngestReport Report);

/// <summary>
/// One ingest call, whichever way it arrived (HTTP body or gRPC stream): screens the entries as they are read, then
/// in one transaction refuses readings on assets outside a client-scoped key's client, claims the new reading ids
/// (per client for client-scoped keys) and counts suppressions; one <see cref="UsageReadingsAccepted"/> with every
/// accepted reading is published straight to the broker, and the claims are committed once the broker has confirmed
/// it. So an acknowledged reading is on the broker's disk, and, being claimed, never published again. A crash between
/// the confirm and the commit leaves the claims uncommitted: the caller, unanswered, sends the readings again, and
/// metering's store, idempotent by reading, keeps them once. A call whose caller has gone before the publish keeps
/// nothing; one that goes after it is stored all the same.
/// </summary>
public sealed partial class ReadingIngestPipeline(
    NpgsqlDataSource dataSource,
    UnitTypeKeyStore unitTypeKeys,
    SuppressionRuleStore suppressionRules,
    IngestedReadingStore ingestedReadings,
    AssetClientStore assetClients,
    ConfirmedPublisher publisher,
    IngestLimits limits,
    TimeProvider timeProvider,
    IngestMetrics metrics,
    MeteringBacklog backlog,
    ILogger<ReadingIngestPipeline> logger)
{
    /// <exception cref="IngestBatchTooLargeException">More entries than the limit; nothing is stored.</exception>
    /// <exception cref="MalformedBatchException">The body cannot be read as readings; nothing is stored.</exception>
    public async Task<IngestedBatch> IngestAsync(IActorContext caller, IAsyncEnumerable<BatchEntry> entries,
        CancellationToken cancellationToken)
    {
        var receivedAt = timeProvider.GetUtcNow();
        var screening = new BatchScreening(
            new ReadingValidator(limits, await unitTypeKeys.KnownKeysAsync(caller.OrgId, cancellationToken)),
            new SuppressionMatcher(await suppressionRules.AllAsync(caller.OrgId, cancellationToken)),
            receivedAt);
        await foreach (var entry in entries.WithCancellation(cancellationToken))
        {
            screening.Add(entry);
        }

        var batchId = Guid.CreateVersion7(receivedAt);
        var report = screening.Candidates.Count == 0 && screening.SuppressedByRule.Count == 0
            ? screening.Complete(ReadOnlyDictionary<string, ReadingFingerprint>.Empty)
            : await StoreAsync(caller, batchId, receivedAt, screening, cancellationToken);

        metrics.Record(report);
        foreach (var (ruleId, readings) in screening.UnevaluatedByRule)
        {
            LogRuleTimedOut(ruleId, caller.OrgId, readings);
        }
        var accepted = report.Accepted.Count > 0;
        if (accepted)
        {
            backlog.RecordEnqueued();
        }
        LogIngested(caller.OrgId, accepted ? batchId : null, report.Outcomes.Count, report.Accepted.Count);
        return new IngestedBatch(accepted ? batchId : null, report);
    }

    private async Task<IngestReport> StoreAsync(IActorContext caller, Guid batchId, DateTimeOffset receivedAt,
        BatchScreening screening, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (caller.ClientScope is { } clientScope)
        {
            screening.RefuseOutsideClientScope(await assetClients.OutsideScopeAsync(transaction, caller.OrgId,
                clientScope, screening.Candidates, cancellationToken));
        }
        var stored = await ingestedReadings.ClaimAsync(transaction, caller.OrgId, caller.ClientScope, batchId,
            receivedAt, screening.Candidates, cancellationToken);
        var report = screening.Complete(stored);
        // Before the publish, so the counters' row locks are held only for the publish and the commit.
        await suppressionRules.CountSuppressedAsync(transaction, caller.OrgId, screening.SuppressedByRule, receivedAt,
            cancellationToken);
        // The last moment a call can keep nothing: a caller gone by now gets no answer, so it must not have readings
        // kept (a gRPC client's cancel may follow its end of stream, which looked like the end of the call).
        cancellationToken.ThrowIfCancellationRequested();
        if (report.Accepted.Count > 0)
        {
            var batch = new UsageReadingsAccepted(caller.OrgId, batchId, caller.ClientScope, caller.ActorId,
                receivedAt, report.Accepted.Select(ToAccepted).ToList());
            // Not cut short by the caller: a batch the broker took must not lose its claims (the publisher's own
            // timeout still applies).
            await publisher.PublishAsync(batch, batchId, CancellationToken.None);
        }
        // Once published, the batch is on its way whatever the caller does: its claims must follow it.
        await transaction.CommitAsync(CancellationToken.None);
        return report;
    }

    private static AcceptedReading ToAccepted(UsageReading reading) => new(reading.Id, reading.AssetSource,
        reading.AssetExternalId, reading.UnitTypeKey, reading.Quantity, reading.ObservedAt, reading.Description);

    // Debug: the hot path; volumes are in the metrics.
    [LoggerMessage(Level = LogLevel.Debug,
        Message = "Ingest call of organization {OrgId}: {Readings} readings, {Accepted} accepted in batch {BatchId}")]
    private partial void LogIngested(Guid orgId, Guid? batchId, int readings, int accepted);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Legacy regex suppression rule {RuleId} of organization {OrgId} timed out; {Readings} readings were " +
            "rejected. Replace it with a rule the linear-time engine supports")]
    private partial void LogRuleTimedOut(Guid ruleId, Guid orgId, int readings);
}

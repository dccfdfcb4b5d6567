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
/// One ingest call, whichever way it arrived (HTTP body or gRPC stream): screens the entries as they are read
/// (validation, repeats within the call, suppression rules), refuses readings on assets outside a client-scoped key's
/// client, and publishes one <see cref="UsageReadingsAccepted"/> with every accepted reading straight to the broker;
/// the call is answered once the broker has confirmed it, so an acknowledged reading is on the broker's disk. Reading
/// ids are not looked up here: metering, storing the batch, keeps each id once per sender, skips a reading sent again
/// as it was and records one sent again with another payload as an ingest exception (docs/domain.md, "Readings and
/// assets"). A caller that has gone before the publish keeps nothing; one that goes after it is stored all the same.
/// </summary>
public sealed partial class ReadingIngestPipeline(
    NpgsqlDataSource dataSource,
    UnitTypeKeyStore unitTypeKeys,
    SuppressionRuleStore suppressionRules,
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
            ? screening.Complete()
            : await PublishAsync(caller, batchId, receivedAt, screening, cancellationToken);

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

    private async Task<IngestReport> PublishAsync(IActorContext caller, Guid batchId, DateTimeOffset receivedAt,
        BatchScreening screening, CancellationToken cancellationToken)
    {
        // A connection only when the call needs the database: a client-scoped key, or readings a rule suppressed.
        var suppressed = screening.SuppressedByRule.Count > 0;
        await using var connection = caller.ClientScope is not null || suppressed
            ? await dataSource.OpenConnectionAsync(cancellationToken)
            : null;
        if (caller.ClientScope is { } clientScope)
        {
            screening.RefuseOutsideClientScope(await assetClients.OutsideScopeAsync(connection!, caller.OrgId,
                clientScope, screening.Candidates, cancellationToken));
        }
        var report = screening.Complete();
        // The counters' row locks are held only for the publish and the commit, and a failed publish counts nothing.
        await using var counting = suppressed ? await connection!.BeginTransactionAsync(cancellationToken) : null;
        if (counting is not null)
        {
            await suppressionRules.CountSuppressedAsync(counting, caller.OrgId, screening.SuppressedByRule, receivedAt,
                cancellationToken);
        }
        // The last moment a call can keep nothing: a caller gone by now gets no answer, so it must not have readings
        // kept (a gRPC client's cancel may follow its end of stream, which looked like the end of the call).
        cancellationToken.ThrowIfCancellationRequested();
        if (report.Accepted.Count > 0)
        {
            var batch = new UsageReadingsAccepted(caller.OrgId, batchId, caller.ClientScope, caller.ActorId,
                receivedAt, report.Accepted.Select(reading => reading.ToAccepted()).ToList());
            // Not cut short by the caller: once the broker has the batch, it is stored whatever the caller does (the
            // publisher's own timeout still applies).
            await publisher.PublishAsync(batch, batchId, CancellationToken.None);
        }
        if (counting is not null)
        {
            await counting.CommitAsync(CancellationToken.None);
        }
        return report;
    }

    // Debug: the hot path; volumes are in the metrics.
    [LoggerMessage(Level = LogLevel.Debug,
        Message = "Ingest call of organization {OrgId}: {Readings} readings, {Accepted} accepted in batch {BatchId}")]
    private partial void LogIngested(Guid orgId, Guid? batchId, int readings, int accepted);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Legacy regex suppression rule {RuleId} of organization {OrgId} timed out; {Readings} readings were " +
            "rejected. Replace it with a rule the linear-time engine supports")]
    private partial void LogRuleTimedOut(Guid ruleId, Guid orgId, int readings);
}

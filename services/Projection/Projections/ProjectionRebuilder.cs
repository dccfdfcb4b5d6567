using BillingOne.BuildingBlocks.Auditing;
using BillingOne.Projection.Data;
using Dapper;
using Npgsql;

namespace BillingOne.Projection.Projections;

public sealed record RebuildResult(long Events, long Clients);

/// <summary>
/// Rebuilds an organization's read models from the event log: empties them and replays every logged event, oldest
/// first, through the appliers the consumers use, in one transaction. Live consumers of the organization wait for it.
/// Run by <see cref="RebuildWorker"/>, which reports each batch's progress on the rebuild job.
/// </summary>
public sealed class ProjectionRebuilder(
    NpgsqlDataSource dataSource, ProjectionEventLog eventLog, IEnumerable<IEventApplier> appliers,
    UsageProjectionCalculator usageProjections, IAuditTrail auditTrail)
{
    private const int BatchSize = 1000;

    private readonly Dictionary<string, IEventApplier> appliersByType = appliers.ToDictionary(applier => applier.EventType);

    /// <param name="progress">Called after each batch with the events to replay and those replayed.</param>
    public async Task<RebuildResult> RebuildAsync(Guid orgId, Func<long, long, Task> progress,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ProjectionEventLog.LockExclusiveAsync(transaction, orgId, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM client_mrr_history WHERE org_id = @orgId;
            DELETE FROM client_subscriptions WHERE org_id = @orgId;
            DELETE FROM unmapped_subscriptions WHERE org_id = @orgId;
            DELETE FROM unmapped_subscription_versions WHERE org_id = @orgId;
            DELETE FROM invoice_copies WHERE org_id = @orgId;
            DELETE FROM client_billing_snapshots WHERE org_id = @orgId;
            DELETE FROM bucket_usage_observations WHERE org_id = @orgId;
            DELETE FROM billing_adjustments WHERE org_id = @orgId;
            DELETE FROM removed_buckets WHERE org_id = @orgId;
            DELETE FROM usage_projection_methods WHERE org_id = @orgId;
            """, new { orgId }, transaction, cancellationToken: cancellationToken));

        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM projection_event_log WHERE org_id = @orgId",
            new { orgId }, transaction, cancellationToken: cancellationToken));
        long events = 0;
        var position = 0L;
        while (true)
        {
            var batch = await eventLog.ReadAsync(transaction, orgId, position, BatchSize, cancellationToken);
            foreach (var logged in batch)
            {
                // Only event types with an applier are logged, so every logged type has one.
                await appliersByType[logged.EventType].ApplyLoggedAsync(transaction, logged.Payload, cancellationToken);
                events++;
            }
            await progress(total, events);
            if (batch.Count < BatchSize)
            {
                break;
            }
            position = batch[^1].Position;
        }

        // The projections are derived from the replayed observations, once, as the live consumers derive them.
        await usageProjections.RecalculateAsync(transaction, orgId, cancellationToken);

        var clients = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM client_billing_snapshots WHERE org_id = @orgId AND client_version > 0",
            new { orgId }, transaction, cancellationToken: cancellationToken));
        var result = new RebuildResult(events, clients);
        // The worker's work, whoever asked for it (the request is audited with its caller).
        await auditTrail.RecordAsync(transaction, AuditActor.Service(orgId), "rebuild", "read_models", orgId.ToString(),
            null, result, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }
}

using BillingOne.BuildingBlocks.Auditing;
using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using BillingOne.Metering.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Metering.Data;

/// <summary>
/// Auto-provisioning (docs/domain.md): for each unit type with <c>auto_provision</c>, every client with matching assets
/// and no bucket of that unit type gets an unreviewed bucket built from the unit type, fed by those assets. A
/// matching asset is assigned to the client, enabled, not disregarded, reports the unit type's key and, when the unit
/// type has a filter pattern, has an external id matching it; it must not feed a bucket of the unit type yet.
/// Re-running finds nothing left to do: it is idempotent.
/// </summary>
public sealed partial class ProvisioningStore(
    UnitTypeStore unitTypes, IAuditTrail audit, IOutbox outbox, TimeProvider timeProvider,
    ILogger<ProvisioningStore> logger)
{
    private const string MatchingAssets = """
        FROM assets a
        WHERE a.org_id = @orgId AND a.client_id IS NOT NULL AND a.enabled AND a.disregarded_at IS NULL
          AND (@pattern::text IS NULL OR a.external_id ILIKE @pattern)
          AND EXISTS (SELECT 1 FROM asset_unit_types aut
                      WHERE aut.org_id = a.org_id AND aut.asset_id = a.id AND aut.unit_type_key = @unitTypeKey)
          AND NOT EXISTS (SELECT 1 FROM bucket_assets ba
                          JOIN buckets b ON b.org_id = ba.org_id AND b.id = ba.bucket_id
                          WHERE ba.org_id = a.org_id AND ba.asset_id = a.id AND b.unit_type_id = @unitTypeId)
        """;

    /// <summary>
    /// Provisions every template of the run's organization, one client per transaction on the run's connection, and
    /// adds each client's bucket and bindings to the run's counts in that transaction, so progress is visible as it goes.
    /// </summary>
    public async Task ProvisionAsync(ProvisioningLease lease, CancellationToken cancellationToken)
    {
        var orgId = lease.Run.OrgId;
        var templateIds = await lease.Connection.QueryAsync<Guid>(new CommandDefinition(
            "SELECT id FROM unit_types WHERE org_id = @orgId AND auto_provision ORDER BY lower(name), id",
            new { orgId }, cancellationToken: cancellationToken));
        foreach (var templateId in templateIds)
        {
            // Read afresh: the template may have changed (or stopped provisioning) since the list was taken.
            var template = await unitTypes.FindAsync(orgId, templateId, cancellationToken);
            if (template is not { Definition.AutoProvision: true })
            {
                continue;
            }
            var clientIds = await lease.Connection.QueryAsync<Guid>(new CommandDefinition($"""
                SELECT DISTINCT a.client_id
                {MatchingAssets}
                  AND EXISTS (SELECT 1 FROM clients c
                              WHERE c.org_id = a.org_id AND c.client_id = a.client_id AND c.enabled)
                  AND NOT EXISTS (SELECT 1 FROM buckets b
                                  WHERE b.org_id = a.org_id AND b.client_id = a.client_id AND b.unit_type_id = @unitTypeId)
                ORDER BY a.client_id
                """, Parameters(template, clientId: null), cancellationToken: cancellationToken));
            foreach (var clientId in clientIds)
            {
                await ProvisionClientAsync(lease, template, clientId, cancellationToken);
            }
        }
    }

    private async Task ProvisionClientAsync(ProvisioningLease lease, UnitType template, Guid clientId,
        CancellationToken cancellationToken)
    {
        var orgId = lease.Run.OrgId;
        var connection = lease.Connection;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await BucketSql.LockBindingsAsync(transaction, orgId, template.Id, cancellationToken);
        // Checked again under the lock: a person may have created a bucket or bound the assets meanwhile.
        var bucketExists = await connection.ExecuteScalarAsync<bool>(new CommandDefinition("""
            SELECT EXISTS (SELECT 1 FROM buckets WHERE org_id = @orgId AND client_id = @clientId AND unit_type_id = @unitTypeId)
            """, new { orgId, clientId, unitTypeId = template.Id }, transaction, cancellationToken: cancellationToken));
        var assetIds = bucketExists
            ? []
            : (await connection.QueryAsync<Guid>(new CommandDefinition($"""
                SELECT a.id {MatchingAssets} AND a.client_id = @clientId ORDER BY a.id
                """, Parameters(template, clientId), transaction, cancellationToken: cancellationToken))).ToArray();
        if (assetIds.Length == 0)
        {
            return;
        }

        var now = timeProvider.GetUtcNow();
        var bucket = await BucketSql.InsertAsync(transaction,
            orgId, BucketDefinition.FromTemplate(clientId, template.Id, template.Definition), autoProvisioned: true, now,
            cancellationToken);
        if (bucket is null)
        {
            return; // The client was removed from metering's copy meanwhile.
        }
        await BucketStore.InsertBindingsAsync(transaction, orgId, bucket.Id, assetIds, ServiceActor(orgId).ActorId, now,
            cancellationToken);
        await audit.RecordAsync(transaction, ServiceActor(orgId), AuditActions.Create, BucketSql.BucketsAuditTable,
            bucket.Id.ToString(), null, BucketSql.AuditValues(bucket), cancellationToken);
        await audit.RecordAsync(transaction, ServiceActor(orgId), AuditActions.Create, BucketSql.BindingsAuditTable,
            bucket.Id.ToString(), null, BucketSql.BindingAuditValues(bucket.Id, assetIds), cancellationToken);
        await outbox.EnqueueAsync(transaction, new BucketProvisioned(orgId, bucket.Id, clientId, template.Id,
            bucket.Definition.Name, assetIds.Length, bucket.CreatedAt), cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE provisioning_runs
            SET buckets_created = buckets_created + 1, assets_bound = assets_bound + @bound
            WHERE org_id = @orgId AND id = @runId
            """, new { orgId, runId = lease.Run.Id, bound = assetIds.Length }, transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        LogBucketProvisioned(bucket.Id, clientId, template.Definition.Key, assetIds.Length, orgId);
    }

    private static AuditActor ServiceActor(Guid orgId) => AuditActor.Service(orgId);

    private static object Parameters(UnitType template, Guid? clientId) => new
    {
        orgId = template.OrgId,
        unitTypeId = template.Id,
        unitTypeKey = template.Definition.Key,
        pattern = template.Definition.FilterPattern is { } glob ? GlobPattern.ToLikePattern(glob) : null,
        clientId,
    };

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Provisioned bucket {BucketId} for client {ClientId} from unit type {UnitTypeKey} with " +
            "{AssetCount} assets in organization {OrgId}")]
    private partial void LogBucketProvisioned(Guid bucketId, Guid clientId, string unitTypeKey, int assetCount, Guid orgId);
}

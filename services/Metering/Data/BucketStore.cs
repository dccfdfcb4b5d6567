using BillingOne.BuildingBlocks.Auditing;
using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using BillingOne.Metering.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Metering.Data;

public enum BucketWriteStatus
{
    Saved,
    Unchanged,

    /// <summary>No such bucket, or it belongs to a client outside the caller's scope.</summary>
    NotFound,

    /// <summary>The change, applied to the current values, is not valid (its errors were reported by the change).</summary>
    Invalid,

    /// <summary>The bucket's client is not known to metering.</summary>
    UnknownClient,

    /// <summary>The unit type was deleted while the bucket was being created.</summary>
    UnknownUnitType,
}

/// <summary>The outcome of a write; <see cref="Bucket"/> is set when it was saved or unchanged.</summary>
public sealed record BucketWriteResult(BucketWriteStatus Status, Bucket? Bucket = null);

public enum BindingStatus
{
    Bound,
    BucketNotFound,

    /// <summary>Some asset ids are unknown (or outside the caller's client scope); see <see cref="BindingResult.UnknownAssetIds"/>.</summary>
    UnknownAssets,

    /// <summary>Some assets cannot feed the bucket; see <see cref="BindingResult.Conflicts"/>. Nothing was bound.</summary>
    Conflict,
}

/// <param name="Bound">Assets newly bound (those already bound to the bucket are not counted again).</param>
public sealed record BindingResult(BindingStatus Status, int Bound = 0, IReadOnlyList<Guid>? UnknownAssetIds = null,
    IReadOnlyList<AssetBindingConflict>? Conflicts = null);

public enum UnbindingStatus
{
    Unbound,
    BucketNotFound,
    NotBound,
}

/// <summary>
/// Changes buckets and their bindings for one organization at a time, each in one transaction with its audit entry.
/// A non-null client scope limits every operation to that client's buckets (others are not found). Every change marks
/// the bucket for a usage observation; a deletion announces <see cref="BucketRemoved"/>.
/// </summary>
public sealed partial class BucketStore(
    NpgsqlDataSource dataSource, IAuditTrail audit, IOutbox outbox, TimeProvider timeProvider,
    ILogger<BucketStore> logger)
{
    public async Task<BucketWriteResult> CreateAsync(Guid orgId, BucketDefinition definition,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Auto-provisioning creates a bucket only for clients without one of the unit type: it must see this one.
        await BucketSql.LockBindingsAsync(transaction, orgId, definition.UnitTypeId, cancellationToken);
        Bucket? bucket;
        try
        {
            bucket = await BucketSql.InsertAsync(transaction, orgId, definition, autoProvisioned: false,
                timeProvider.GetUtcNow(), cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.ForeignKeyViolation)
        {
            return new BucketWriteResult(BucketWriteStatus.UnknownUnitType);
        }
        if (bucket is null)
        {
            return new BucketWriteResult(BucketWriteStatus.UnknownClient);
        }
        await audit.RecordAsync(transaction, AuditActions.Create, BucketSql.BucketsAuditTable, bucket.Id.ToString(),
            null, BucketSql.AuditValues(bucket), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogBucketSaved(bucket.Id, orgId);
        return new BucketWriteResult(BucketWriteStatus.Saved, bucket);
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the current values under the bucket's row lock, so concurrent edits are
    /// applied and audited one after the other. Null from <paramref name="change"/> means it is invalid.
    /// </summary>
    public async Task<BucketWriteResult> UpdateAsync(Guid orgId, Guid? clientScope, Guid id,
        Func<BucketDefinition, BucketDefinition?> change, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var existing = await LockAsync(transaction, orgId, clientScope, id, cancellationToken);
        if (existing is null)
        {
            return new BucketWriteResult(BucketWriteStatus.NotFound);
        }
        var changed = change(existing.Definition);
        if (changed is null)
        {
            return new BucketWriteResult(BucketWriteStatus.Invalid);
        }
        if (changed == existing.Definition)
        {
            return new BucketWriteResult(BucketWriteStatus.Unchanged, existing);
        }

        var parameters = new DynamicParameters(BucketSql.Values(changed, existing.AutoProvisioned));
        var now = timeProvider.GetUtcNow();
        parameters.AddDynamicParams(new { orgId, id, now = now.UtcDateTime });
        var updated = (await connection.QuerySingleAsync<BucketRow>(new CommandDefinition($"""
            UPDATE buckets
            SET name = @Name, source_type = @SourceType, aggregation = @Aggregation, commit_units = @CommitUnits,
                base_price = @BasePrice, overage_price = @OveragePrice, reviewed = @Reviewed, enabled = @Enabled,
                updated_at = @now
            WHERE org_id = @orgId AND id = @id
            RETURNING {BucketSql.Columns("buckets")}
            """, parameters, transaction, cancellationToken: cancellationToken))).ToBucket();
        await audit.RecordAsync(transaction, AuditActions.Update, BucketSql.BucketsAuditTable, id.ToString(),
            BucketSql.AuditValues(existing), BucketSql.AuditValues(updated), cancellationToken);
        await UsageObservationStore.MarkAsync(transaction, orgId, [id], now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogBucketSaved(id, orgId);
        return new BucketWriteResult(BucketWriteStatus.Saved, updated);
    }

    /// <summary>Deletes the bucket and its bindings; false when it is not found.</summary>
    public async Task<bool> DeleteAsync(Guid orgId, Guid? clientScope, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var existing = await LockAsync(transaction, orgId, clientScope, id, cancellationToken);
        if (existing is null)
        {
            return false;
        }
        // The bindings go with the bucket (ON DELETE CASCADE); the audit entry names them so the delete can be traced.
        var boundAssetIds = (await connection.QueryAsync<Guid>(new CommandDefinition("""
            DELETE FROM bucket_assets WHERE org_id = @orgId AND bucket_id = @id RETURNING asset_id
            """, new { orgId, id }, transaction, cancellationToken: cancellationToken))).ToList();
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM buckets WHERE org_id = @orgId AND id = @id", new { orgId, id }, transaction,
            cancellationToken: cancellationToken));
        await audit.RecordAsync(transaction, AuditActions.Delete, BucketSql.BucketsAuditTable, id.ToString(),
            new { Bucket = BucketSql.AuditValues(existing), BoundAssetIds = boundAssetIds.Order().ToList() }, null,
            cancellationToken);
        await outbox.EnqueueAsync(transaction, new BucketRemoved(orgId, id, timeProvider.GetUtcNow()), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogBucketDeleted(id, orgId);
        return true;
    }

    /// <summary>
    /// Binds the assets to the bucket as <see cref="BucketBinding.Plan"/> decides, all or none; only assets in the
    /// caller's scope are found.
    /// </summary>
    public async Task<BindingResult> BindAssetsAsync(Guid orgId, Guid? clientScope, Guid bucketId,
        IReadOnlyCollection<Guid> assetIds, Guid boundBy, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var bucket = await LockAsync(transaction, orgId, clientScope, bucketId, cancellationToken);
        if (bucket is null)
        {
            return new BindingResult(BindingStatus.BucketNotFound);
        }
        await BucketSql.LockBindingsAsync(transaction, orgId, bucket.Definition.UnitTypeId, cancellationToken);

        var candidates = (await connection.QueryAsync<BindingCandidateRow>(new CommandDefinition("""
            SELECT a.id AS AssetId, a.client_id AS ClientId, a.source AS Source,
                   a.disregarded_at IS NOT NULL AS Disregarded,
                   EXISTS (SELECT 1 FROM bucket_assets ba
                           WHERE ba.org_id = a.org_id AND ba.bucket_id = @bucketId AND ba.asset_id = a.id) AS AlreadyBound,
                   (SELECT ba.bucket_id FROM bucket_assets ba
                    JOIN buckets b ON b.org_id = ba.org_id AND b.id = ba.bucket_id
                    WHERE ba.org_id = a.org_id AND ba.asset_id = a.id AND b.unit_type_id = @unitTypeId
                      AND b.id <> @bucketId
                    ORDER BY ba.bucket_id LIMIT 1) AS FeedsBucketId
            FROM assets a
            WHERE a.org_id = @orgId AND a.id = ANY(@assetIds)
              AND (@clientScope::uuid IS NULL OR a.client_id = @clientScope)
            """, new { orgId, bucketId, unitTypeId = bucket.Definition.UnitTypeId, assetIds = assetIds.ToArray(), clientScope },
            transaction, cancellationToken: cancellationToken))).Select(row => row.ToCandidate()).ToList();

        var plan = BucketBinding.Plan(bucket.Definition, assetIds, candidates);
        if (plan.UnknownAssetIds.Count > 0)
        {
            return new BindingResult(BindingStatus.UnknownAssets, UnknownAssetIds: plan.UnknownAssetIds);
        }
        if (plan.Conflicts.Count > 0)
        {
            return new BindingResult(BindingStatus.Conflict, Conflicts: plan.Conflicts);
        }

        var newlyBound = plan.NewlyBound.ToArray();
        if (newlyBound.Length > 0)
        {
            await InsertBindingsAsync(transaction, orgId, bucketId, newlyBound, boundBy, timeProvider.GetUtcNow(),
                cancellationToken);
            await audit.RecordAsync(transaction, AuditActions.Create, BucketSql.BindingsAuditTable, bucketId.ToString(),
                null, BucketSql.BindingAuditValues(bucketId, newlyBound), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            LogAssetsBound(newlyBound.Length, bucketId, orgId);
        }
        return new BindingResult(BindingStatus.Bound, newlyBound.Length);
    }

    public async Task<UnbindingStatus> UnbindAssetAsync(Guid orgId, Guid? clientScope, Guid bucketId, Guid assetId,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await LockAsync(transaction, orgId, clientScope, bucketId, cancellationToken) is null)
        {
            return UnbindingStatus.BucketNotFound;
        }
        var deleted = await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM bucket_assets WHERE org_id = @orgId AND bucket_id = @bucketId AND asset_id = @assetId
            """, new { orgId, bucketId, assetId }, transaction, cancellationToken: cancellationToken));
        if (deleted == 0)
        {
            return UnbindingStatus.NotBound;
        }
        await audit.RecordAsync(transaction, AuditActions.Delete, BucketSql.BindingsAuditTable, bucketId.ToString(),
            BucketSql.BindingAuditValues(bucketId, [assetId]), null, cancellationToken);
        await UsageObservationStore.MarkAsync(transaction, orgId, [bucketId], timeProvider.GetUtcNow(),
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogAssetUnbound(assetId, bucketId, orgId);
        return UnbindingStatus.Unbound;
    }

    /// <summary>
    /// Inserts bindings of assets the caller has checked and marks the bucket for observation; shared with
    /// auto-provisioning.
    /// </summary>
    internal static async Task InsertBindingsAsync(NpgsqlTransaction transaction, Guid orgId, Guid bucketId,
        Guid[] assetIds, Guid boundBy, DateTimeOffset boundAt, CancellationToken cancellationToken)
    {
        await transaction.Connection!.ExecuteAsync(new CommandDefinition("""
            INSERT INTO bucket_assets (org_id, bucket_id, asset_id, bound_at, bound_by)
            SELECT @orgId, @bucketId, asset_id, @boundAt, @boundBy FROM unnest(@assetIds) AS asset_id
            """, new { orgId, bucketId, assetIds, boundBy, boundAt = boundAt.UtcDateTime }, transaction,
            cancellationToken: cancellationToken));
        await UsageObservationStore.MarkAsync(transaction, orgId, [bucketId], boundAt, cancellationToken);
    }

    private static async Task<Bucket?> LockAsync(NpgsqlTransaction transaction, Guid orgId, Guid? clientScope, Guid id,
        CancellationToken cancellationToken)
    {
        var row = await transaction.Connection!.QuerySingleOrDefaultAsync<BucketRow>(new CommandDefinition($"""
            SELECT {BucketSql.Columns("b")} FROM buckets b
            WHERE b.org_id = @orgId AND b.id = @id AND (@clientScope::uuid IS NULL OR b.client_id = @clientScope)
            FOR UPDATE
            """, new { orgId, id, clientScope }, transaction, cancellationToken: cancellationToken));
        return row?.ToBucket();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bucket {BucketId} saved in organization {OrgId}")]
    private partial void LogBucketSaved(Guid bucketId, Guid orgId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Bucket {BucketId} deleted in organization {OrgId}")]
    private partial void LogBucketDeleted(Guid bucketId, Guid orgId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} assets bound to bucket {BucketId} in organization {OrgId}")]
    private partial void LogAssetsBound(int count, Guid bucketId, Guid orgId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Asset {AssetId} unbound from bucket {BucketId} in organization {OrgId}")]
    private partial void LogAssetUnbound(Guid assetId, Guid bucketId, Guid orgId);

    private sealed record BindingCandidateRow(Guid AssetId, Guid? ClientId, string Source, bool Disregarded,
        bool AlreadyBound, Guid? FeedsBucketId)
    {
        public BindingCandidate ToCandidate() => new(AssetId, ClientId, Source, Disregarded, FeedsBucketId, AlreadyBound);
    }
}

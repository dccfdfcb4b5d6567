using BillingOne.Contracts.Events;
using Dapper;
using Npgsql;

namespace BillingOne.Projection.Projections;

/// <summary>
/// A deleted bucket: its observations, projections and adjustments go, and later observations and adjustments of it are
/// not stored.
/// </summary>
public sealed class BucketRemovedApplier : EventApplier<BucketRemoved>
{
    public override Guid OrgIdOf(BucketRemoved message) => message.OrgId;

    public override Task ApplyAsync(NpgsqlTransaction transaction, BucketRemoved removed, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition("""
            INSERT INTO removed_buckets (org_id, bucket_id, removed_at) VALUES (@OrgId, @BucketId, @RemovedAt)
            ON CONFLICT (org_id, bucket_id) DO NOTHING;
            DELETE FROM bucket_usage_observations WHERE org_id = @OrgId AND bucket_id = @BucketId;
            DELETE FROM billing_adjustments WHERE org_id = @OrgId AND bucket_id = @BucketId;
            """, new { removed.OrgId, removed.BucketId, RemovedAt = removed.RemovedAt.ToUniversalTime() }, transaction,
            cancellationToken: cancellationToken));
}

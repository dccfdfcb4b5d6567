using BillingOne.Contracts.Events;
using Dapper;
using Npgsql;

namespace BillingOne.Projection.Projections;

/// <summary>The subscriptions of the companies mapped to no client: the whole list, replaced at a higher version only.</summary>
public sealed class UnmappedSubscriptionsChangedApplier : EventApplier<UnmappedSubscriptionsChanged>
{
    public override Guid OrgIdOf(UnmappedSubscriptionsChanged message) => message.OrgId;

    public override async Task ApplyAsync(NpgsqlTransaction transaction, UnmappedSubscriptionsChanged changed,
        CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var applied = await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO unmapped_subscription_versions (org_id, version) VALUES (@OrgId, @Version)
            ON CONFLICT (org_id) DO UPDATE SET version = excluded.version
            WHERE unmapped_subscription_versions.version < excluded.version
            """, new { changed.OrgId, changed.Version }, transaction, cancellationToken: cancellationToken));
        if (applied == 0)
        {
            return;
        }
        await connection.ExecuteAsync(new CommandDefinition($"""
            DELETE FROM unmapped_subscriptions WHERE org_id = @OrgId;
            INSERT INTO unmapped_subscriptions (org_id, {SubscriptionLineCopies.Columns})
            SELECT @OrgId, listed.* FROM {SubscriptionLineCopies.Listed}
            ON CONFLICT (org_id, subscription_id) DO NOTHING
            """, SubscriptionLineCopies.Parameters(changed.OrgId, null, changed.Subscriptions), transaction,
            cancellationToken: cancellationToken));
    }
}

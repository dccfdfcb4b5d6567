using BillingOne.Contracts.Events;
using BillingOne.Projection.Data;
using BillingOne.Projection.Domain;
using BillingOne.Projection.Projections;
using Dapper;
using Npgsql;

namespace BillingOne.Projection.Consumers;

/// <summary>
/// A bucket's usage in a period (metering). A current period's observation is projected at once; a finalized period
/// adds its errors to the backtest, whose sums may change its aggregation's method: then that aggregation's current
/// periods are projected again. (A period whose newer version moved to another aggregation leaves the old one's method
/// to the next recalculation pass.) Usage above the commit for the first time in its period is announced on the partner
/// watch stream (<see cref="NewOverageRule"/>).
/// </summary>
public sealed class BucketUsageObservedConsumer(NpgsqlDataSource dataSource, ProjectionEventLog eventLog,
    BucketUsageObservedApplier applier, UsageProjectionCalculator usageProjections)
    : ProjectedEventConsumer<BucketUsageObserved>(dataSource, eventLog, applier)
{
    protected override async Task AppliedAsync(NpgsqlTransaction transaction, BucketUsageObserved message,
        CancellationToken cancellationToken)
    {
        await AnnounceNewOverageAsync(transaction, message, cancellationToken);
        if (message.Final)
        {
            var changed = await usageProjections.ChooseMethodsAsync(transaction, message.OrgId, message.Aggregation,
                cancellationToken);
            if (changed.Count > 0)
            {
                await usageProjections.ProjectAsync(transaction, message.OrgId, null, changed, cancellationToken);
            }
        }
        else
        {
            await usageProjections.ProjectAsync(transaction, message.OrgId, message.BucketId, null, cancellationToken);
        }
    }

    private static async Task AnnounceNewOverageAsync(NpgsqlTransaction transaction, BucketUsageObserved message,
        CancellationToken cancellationToken)
    {
        if (message.Usage <= message.CommitUnits)
        {
            // No overage: the rule's other facts need no reading.
            return;
        }
        var storedVersion = await transaction.Connection!.ExecuteScalarAsync<long?>(new CommandDefinition("""
            SELECT version FROM bucket_usage_observations
            WHERE org_id = @OrgId AND bucket_id = @BucketId AND year = @Year AND month = @Month
            """, new { message.OrgId, message.BucketId, message.Year, message.Month }, transaction,
            cancellationToken: cancellationToken));
        var announced = await PartnerWatchEventStore.OverageAnnouncedAsync(transaction, message.OrgId, message.BucketId,
            message.Year, message.Month, cancellationToken);
        if (NewOverageRule.Units(message.Enabled, message.CommitUnits, message.Usage, storedVersion == message.Version,
            announced) is { } units)
        {
            await PartnerWatchEventStore.AppendOverageAsync(transaction, message.OrgId, message.ClientId,
                message.ClientName, message.ObservedAt, new NewOverageEvent(message.BucketId, message.BucketName,
                    message.UnitTypeKey, message.Year, message.Month, message.Usage, message.CommitUnits, units,
                    message.OveragePrice, message.Currency), cancellationToken);
        }
    }
}

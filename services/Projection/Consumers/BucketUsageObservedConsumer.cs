using BillingOne.Contracts.Events;
using BillingOne.Projection.Data;
using BillingOne.Projection.Projections;
using Npgsql;

namespace BillingOne.Projection.Consumers;

/// <summary>
/// A bucket's usage in a period (metering). A current period's observation is projected at once; a finalized period
/// adds its errors to the backtest, whose sums may change its aggregation's method: then that aggregation's current
/// periods are projected again. (A period whose newer version moved to another aggregation leaves the old one's method
/// to the next recalculation pass.)
/// </summary>
public sealed class BucketUsageObservedConsumer(NpgsqlDataSource dataSource, ProjectionEventLog eventLog,
    BucketUsageObservedApplier applier, UsageProjectionCalculator usageProjections)
    : ProjectedEventConsumer<BucketUsageObserved>(dataSource, eventLog, applier)
{
    protected override async Task AppliedAsync(NpgsqlTransaction transaction, BucketUsageObserved message,
        CancellationToken cancellationToken)
    {
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
}

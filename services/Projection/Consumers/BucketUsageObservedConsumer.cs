using BillingOne.Contracts.Events;
using BillingOne.Projection.Data;
using BillingOne.Projection.Projections;
using Npgsql;

namespace BillingOne.Projection.Consumers;

/// <summary>
/// A bucket's usage in a period (metering). A current period's observation is projected at once; a finalized period
/// adds to the backtest, which may change the method of every current period of its aggregation, so all are projected.
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
            await usageProjections.RecalculateAsync(transaction, message.OrgId, cancellationToken);
        }
        else
        {
            await usageProjections.ProjectAsync(transaction, message.OrgId, message.BucketId, cancellationToken);
        }
    }
}

using BillingOne.Contracts.Events;
using BillingOne.Projection.Data;
using BillingOne.Projection.Projections;
using Npgsql;

namespace BillingOne.Projection.Consumers;

/// <summary>
/// A deleted bucket (metering): its finalized periods' errors leave the backtest (with its observations), so the methods
/// are chosen again, and the current periods of aggregations whose method changed are projected again.
/// </summary>
public sealed class BucketRemovedConsumer(NpgsqlDataSource dataSource, ProjectionEventLog eventLog,
    BucketRemovedApplier applier, UsageProjectionCalculator usageProjections)
    : ProjectedEventConsumer<BucketRemoved>(dataSource, eventLog, applier)
{
    protected override async Task AppliedAsync(NpgsqlTransaction transaction, BucketRemoved message,
        CancellationToken cancellationToken)
    {
        var changed = await usageProjections.ChooseMethodsAsync(transaction, message.OrgId, null, cancellationToken);
        if (changed.Count > 0)
        {
            await usageProjections.ProjectAsync(transaction, message.OrgId, null, changed, cancellationToken);
        }
    }
}

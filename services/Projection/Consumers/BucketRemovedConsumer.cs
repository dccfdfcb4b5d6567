using BillingOne.Contracts.Events;
using BillingOne.Projection.Data;
using BillingOne.Projection.Projections;
using Npgsql;

namespace BillingOne.Projection.Consumers;

/// <summary>A deleted bucket (metering): its finalized periods leave the backtest, so the methods are chosen again.</summary>
public sealed class BucketRemovedConsumer(NpgsqlDataSource dataSource, ProjectionEventLog eventLog,
    BucketRemovedApplier applier, UsageProjectionCalculator usageProjections)
    : ProjectedEventConsumer<BucketRemoved>(dataSource, eventLog, applier)
{
    protected override Task AppliedAsync(NpgsqlTransaction transaction, BucketRemoved message,
        CancellationToken cancellationToken) =>
        usageProjections.RecalculateAsync(transaction, message.OrgId, cancellationToken);
}

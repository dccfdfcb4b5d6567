using BillingOne.Contracts.Events;
using BillingOne.Projection.Data;
using BillingOne.Projection.Projections;
using Npgsql;

namespace BillingOne.Projection.Consumers;

/// <summary>The subscriptions of the companies mapped to no client (subscription service).</summary>
public sealed class UnmappedSubscriptionsChangedConsumer(NpgsqlDataSource dataSource, ProjectionEventLog eventLog,
    UnmappedSubscriptionsChangedApplier applier)
    : ProjectedEventConsumer<UnmappedSubscriptionsChanged>(dataSource, eventLog, applier);

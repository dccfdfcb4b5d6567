using BillingOne.Contracts.Events;
using BillingOne.Projection.Data;
using BillingOne.Projection.Projections;
using Npgsql;

namespace BillingOne.Projection.Consumers;

/// <summary>A client's devices, variance and status (reconciliation service).</summary>
public sealed class ClientReconciledConsumer(NpgsqlDataSource dataSource, ProjectionEventLog eventLog,
    ClientReconciledApplier applier) : ProjectedEventConsumer<ClientReconciled>(dataSource, eventLog, applier);

using BillingOne.Contracts.Events;
using BillingOne.Projection.Data;
using BillingOne.Projection.Projections;
using Npgsql;

namespace BillingOne.Projection.Consumers;

/// <summary>A client's MRR, subscriptions and licences (subscription service).</summary>
public sealed class ClientLicensesChangedConsumer(NpgsqlDataSource dataSource, ProjectionEventLog eventLog,
    ClientLicensesChangedApplier applier)
    : ProjectedEventConsumer<ClientLicensesChanged>(dataSource, eventLog, applier);

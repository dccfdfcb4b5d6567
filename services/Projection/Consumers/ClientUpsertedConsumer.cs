using BillingOne.Contracts.Events;
using BillingOne.Projection.Data;
using BillingOne.Projection.Projections;
using Npgsql;

namespace BillingOne.Projection.Consumers;

/// <summary>The subscription service's clients: the rows of the Clients screen.</summary>
public sealed class ClientUpsertedConsumer(NpgsqlDataSource dataSource, ProjectionEventLog eventLog,
    ClientUpsertedApplier applier) : ProjectedEventConsumer<ClientUpserted>(dataSource, eventLog, applier);

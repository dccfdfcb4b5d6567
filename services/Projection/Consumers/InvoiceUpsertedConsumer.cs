using BillingOne.Contracts.Events;
using BillingOne.Projection.Data;
using BillingOne.Projection.Projections;
using Npgsql;

namespace BillingOne.Projection.Consumers;

/// <summary>The invoices (invoice service).</summary>
public sealed class InvoiceUpsertedConsumer(NpgsqlDataSource dataSource, ProjectionEventLog eventLog,
    InvoiceUpsertedApplier applier) : ProjectedEventConsumer<InvoiceUpserted>(dataSource, eventLog, applier);

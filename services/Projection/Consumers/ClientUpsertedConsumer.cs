using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using BillingOne.Projection.Data;
using Npgsql;

namespace BillingOne.Projection.Consumers;

/// <summary>Keeps the Clients screen's rows in step with the subscription service's clients.</summary>
public sealed class ClientUpsertedConsumer(
    NpgsqlDataSource dataSource,
    IInbox inbox,
    ClientSnapshotStore snapshots,
    ILogger<ClientUpsertedConsumer> logger) : ClientCopyConsumer(dataSource, inbox, logger)
{
    protected override Task<bool> UpsertIfNewerAsync(NpgsqlTransaction transaction, ClientUpserted client,
        CancellationToken cancellationToken) => snapshots.UpsertClientAsync(transaction, client, cancellationToken);
}

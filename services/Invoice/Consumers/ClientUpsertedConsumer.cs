using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using BillingOne.Invoice.Data;
using Npgsql;

namespace BillingOne.Invoice.Consumers;

/// <summary>Keeps the invoice service's copy of the organization's client names in step with the subscription service.</summary>
public sealed class ClientUpsertedConsumer(
    NpgsqlDataSource dataSource,
    IInbox inbox,
    ClientCopyStore clients,
    ILogger<ClientUpsertedConsumer> logger) : ClientCopyConsumer(dataSource, inbox, logger)
{
    protected override Task<bool> UpsertIfNewerAsync(NpgsqlTransaction transaction, ClientUpserted client,
        CancellationToken cancellationToken) => clients.UpsertClientAsync(transaction, client, cancellationToken);
}

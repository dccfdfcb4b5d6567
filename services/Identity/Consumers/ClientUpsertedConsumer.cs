using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using BillingOne.Identity.Data;
using Npgsql;

namespace BillingOne.Identity.Consumers;

/// <summary>
/// Keeps identity's copy of the organizations' clients current, so client-scoped API keys can only name a client
/// that exists and key lists show its name.
/// </summary>
public sealed class ClientUpsertedConsumer(
    NpgsqlDataSource dataSource,
    IInbox inbox,
    ClientCopyStore clients,
    ILogger<ClientUpsertedConsumer> logger) : ClientCopyConsumer(dataSource, inbox, logger)
{
    protected override Task<bool> UpsertIfNewerAsync(NpgsqlTransaction transaction, ClientUpserted client,
        CancellationToken cancellationToken) => clients.UpsertAsync(transaction, client, cancellationToken);
}

using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using BillingOne.Metering.Data;
using Npgsql;

namespace BillingOne.Metering.Consumers;

/// <summary>
/// Keeps metering's copy of the organization's clients (names, time zones) in step with the subscription service.
/// </summary>
public sealed class ClientUpsertedConsumer(
    NpgsqlDataSource dataSource,
    IInbox inbox,
    ClientStore clients,
    ILogger<ClientUpsertedConsumer> logger) : ClientCopyConsumer(dataSource, inbox, logger)
{
    protected override Task<bool> UpsertIfNewerAsync(NpgsqlTransaction transaction, ClientUpserted client,
        CancellationToken cancellationToken) => clients.UpsertAsync(transaction, client, cancellationToken);
}

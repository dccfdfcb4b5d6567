using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using BillingOne.Reconciliation.Application;
using BillingOne.Reconciliation.Data;
using Npgsql;

namespace BillingOne.Reconciliation.Consumers;

/// <summary>
/// Keeps reconciliation's copy of clients in step with the subscription service. A new client is compared (and listed)
/// at once; disabling a client takes it out of the comparison (its open missed billing goes) and enabling it brings it
/// back, so either recomputes; a rename needs no new comparison.
/// </summary>
public sealed class ClientUpsertedConsumer(
    NpgsqlDataSource dataSource,
    IInbox inbox,
    ClientStore clients,
    ClientReconciler reconciler,
    ILogger<ClientUpsertedConsumer> logger) : ClientCopyConsumer(dataSource, inbox, logger)
{
    protected override async Task<bool> UpsertIfNewerAsync(NpgsqlTransaction transaction, ClientUpserted client,
        CancellationToken cancellationToken)
    {
        var stored = await clients.UpsertIfNewerAsync(transaction, client, cancellationToken);
        if (!stored.Stored)
        {
            return false;
        }
        if (stored.WasEnabled != client.Enabled || (client.Enabled
            && !await ReconciliationStore.IsComparedAsync(transaction, client.OrgId, client.ClientId, cancellationToken)))
        {
            await reconciler.RecomputeAsync(transaction, client.OrgId, cancellationToken);
        }
        return true;
    }
}

using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using BillingOne.Reconciliation.Data;
using Npgsql;

namespace BillingOne.Reconciliation.Consumers;

/// <summary>
/// Keeps reconciliation's copy of client names in step with the subscription service; a new client is compared (and
/// listed) at once.
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
        if (!await clients.UpsertIfNewerAsync(transaction, client, cancellationToken))
        {
            return false;
        }
        if (!await reconciler.IsComparedAsync(transaction, client.OrgId, client.ClientId, cancellationToken))
        {
            await reconciler.RecomputeAsync(transaction, client.OrgId, cancellationToken);
        }
        return true;
    }
}

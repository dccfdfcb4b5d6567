using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using BillingOne.Ingestion.Data;
using Npgsql;

namespace BillingOne.Ingestion.Consumers;

/// <summary>
/// Keeps ingestion's copy of which client each asset belongs to. The inbox makes a redelivery a no-op; the change
/// time makes an older event arriving after a newer one a no-op.
/// </summary>
public sealed class AssetDiscoveredConsumer(NpgsqlDataSource dataSource, IInbox inbox, AssetClientStore assetClients)
    : InboxConsumer<AssetDiscovered>(dataSource, inbox)
{
    protected override Task ApplyAsync(AssetDiscovered message, NpgsqlTransaction transaction,
        CancellationToken cancellationToken) => assetClients.ApplyAsync(transaction, message, cancellationToken);
}

/// <inheritdoc cref="AssetDiscoveredConsumer"/>
public sealed class AssetClientChangedConsumer(NpgsqlDataSource dataSource, IInbox inbox, AssetClientStore assetClients)
    : InboxConsumer<AssetClientChanged>(dataSource, inbox)
{
    protected override Task ApplyAsync(AssetClientChanged message, NpgsqlTransaction transaction,
        CancellationToken cancellationToken) => assetClients.ApplyAsync(transaction, message, cancellationToken);
}

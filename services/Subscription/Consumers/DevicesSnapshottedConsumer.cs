using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using BillingOne.Subscription.Application;
using BillingOne.Subscription.Data;
using BillingOne.Subscription.Domain.Mapping;
using Npgsql;

namespace BillingOne.Subscription.Consumers;

/// <summary>
/// Keeps the RMM's organizations (from reconciliation's device snapshots) as vendor accounts to map to clients, and
/// auto-matches the new ones. A snapshot older than one already applied changes nothing.
/// </summary>
public sealed class DevicesSnapshottedConsumer(NpgsqlDataSource dataSource, IInbox inbox, ClientMappingWorkbench mappings)
    : InboxConsumer<DevicesSnapshotted>(dataSource, inbox)
{
    protected override async Task ApplyAsync(DevicesSnapshotted message, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        if (await ClientMappingStore.IsStaleAsync(transaction, message.OrgId, VendorKinds.Rmm, message.TakenAt,
                cancellationToken))
        {
            return;
        }
        await mappings.ReplaceRmmOrganizationsAsync(transaction, message, cancellationToken);
    }
}

using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using BillingOne.Subscription.Application;
using BillingOne.Subscription.Data;
using BillingOne.Subscription.Domain.Mapping;
using Npgsql;

namespace BillingOne.Subscription.Consumers;

/// <summary>
/// Keeps the accounts another service's sync listed (Xero and SuperOps contacts, Synergy customers) as vendor accounts
/// to map to clients, and auto-matches the new ones. A snapshot older than one already applied changes nothing.
/// </summary>
public sealed class VendorAccountsSnapshottedConsumer(NpgsqlDataSource dataSource, IInbox inbox, ClientMappingWorkbench mappings)
    : InboxConsumer<VendorAccountsSnapshotted>(dataSource, inbox)
{
    protected override async Task ApplyAsync(VendorAccountsSnapshotted message, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        // What every consumer may rely on is the event's own Validate (see InboxConsumer); which vendors' accounts
        // client mappings keep is this service's own rule.
        if (!VendorKinds.Snapshotted.Contains(message.Vendor))
        {
            throw new MessageValidationException(
                $"VendorAccountsSnapshotted names '{message.Vendor}'; client mappings keep the accounts of {string.Join(", ", VendorKinds.Snapshotted)}.");
        }
        if (await ClientMappingStore.IsStaleAsync(transaction, message.OrgId, message.Vendor, message.TakenAt, cancellationToken))
        {
            return;
        }
        await mappings.ReplaceVendorAccountsAsync(transaction, message, cancellationToken);
    }
}

using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using BillingOne.Subscription.Data;
using BillingOne.Subscription.Domain.Mapping;
using Npgsql;

namespace BillingOne.Subscription.Consumers;

/// <summary>
/// Keeps the accounts another service's sync listed (Xero and SuperOps contacts, Synergy customers) as vendor accounts
/// to map to clients, and auto-matches the new ones. A snapshot older than one already applied changes nothing.
/// </summary>
public sealed class VendorAccountsSnapshottedConsumer(NpgsqlDataSource dataSource, IInbox inbox, ClientMappingStore mappings)
    : InboxConsumer<VendorAccountsSnapshotted>(dataSource, inbox)
{
    protected override async Task ApplyAsync(VendorAccountsSnapshotted message, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        if (message.OrgId == Guid.Empty || !VendorKinds.Snapshotted.Contains(message.Vendor))
        {
            throw new MessageValidationException(
                $"VendorAccountsSnapshotted must name an organization and one of {string.Join(", ", VendorKinds.Snapshotted)}; it named '{message.Vendor}'.");
        }
        if (message.Accounts.Any(account => string.IsNullOrWhiteSpace(account.ExternalId) || string.IsNullOrWhiteSpace(account.Name)))
        {
            throw new MessageValidationException($"VendorAccountsSnapshotted for {message.Vendor} lists an account without an id or a name.");
        }
        if (await ClientMappingStore.IsStaleAsync(transaction, message.OrgId, message.Vendor, message.TakenAt, cancellationToken))
        {
            return;
        }
        await mappings.ReplaceVendorAccountsAsync(transaction.Connection!, transaction, message, cancellationToken);
    }
}

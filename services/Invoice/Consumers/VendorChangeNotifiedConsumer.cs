using BillingOne.BuildingBlocks.Integrations;
using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using BillingOne.Invoice.Integrations;
using Npgsql;

namespace BillingOne.Invoice.Consumers;

/// <summary>
/// Xero said some invoices or contacts changed: queues a webhook-triggered sync of just those, in the inbox's
/// transaction, so a redelivered notification queues nothing twice. Other vendors' notifications (Pax8 is the
/// subscription service's) and other Xero records are not this service's to act on.
/// </summary>
public sealed class VendorChangeNotifiedConsumer(NpgsqlDataSource dataSource, IInbox inbox, SyncRunStore runs)
    : InboxConsumer<VendorChangeNotified>(dataSource, inbox)
{
    protected override async Task ApplyAsync(VendorChangeNotified message, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        if (message.Vendor != XeroIntegration.IntegrationName)
        {
            return;
        }
        var records = message.Changes
            .Where(change => change.ResourceType is XeroIntegration.InvoiceResource or XeroIntegration.ContactResource)
            .Select(change => new SyncScopeItem(change.ResourceType, change.ResourceId))
            .ToList();
        if (records.Count == 0)
        {
            return;
        }
        await runs.EnqueueScopedAsync(transaction, message.OrgId, XeroIntegration.IntegrationName,
            SyncTriggers.WebhookTriggered, SyncRunStore.WebhookRequester, SyncScope.Of(records), cancellationToken);
    }
}

using BillingOne.BuildingBlocks.Integrations;
using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using BillingOne.Subscription.Integrations;
using Npgsql;

namespace BillingOne.Subscription.Consumers;

/// <summary>
/// Pax8 said some subscriptions changed: queues a webhook-triggered sync of just those, in the inbox's transaction, so a
/// redelivered notification queues nothing twice. Notifications of other vendors (Xero is the invoice service's) and
/// of other Pax8 records are not this service's to act on.
/// </summary>
public sealed class VendorChangeNotifiedConsumer(NpgsqlDataSource dataSource, IInbox inbox, SyncRunStore runs)
    : InboxConsumer<VendorChangeNotified>(dataSource, inbox)
{
    protected override async Task ApplyAsync(VendorChangeNotified message, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        if (message.Vendor != Pax8Integration.IntegrationName)
        {
            return;
        }
        var subscriptions = message.Changes
            .Where(change => change.ResourceType == Pax8Integration.SubscriptionResource)
            .Select(change => new SyncScopeItem(Pax8Integration.SubscriptionResource, change.ResourceId))
            .ToList();
        if (subscriptions.Count == 0)
        {
            return;
        }
        await runs.EnqueueScopedAsync(transaction, message.OrgId, Pax8Integration.IntegrationName,
            SyncTriggers.WebhookTriggered, SyncRunStore.WebhookRequester, SyncScope.Of(subscriptions), cancellationToken);
    }
}

using BillingOne.BuildingBlocks.Integrations;
using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using BillingOne.Subscription.Integrations;
using Npgsql;

namespace BillingOne.Subscription.Consumers;

/// <summary>
/// Pax8 said records changed: queues a webhook-triggered sync, in the inbox's transaction, so a redelivered notification
/// queues nothing twice. A change of the account (Pax8 did not say which records) syncs everything; changes that name
/// subscriptions re-read just those. Runs coalesce: a notification while one waits joins it, while one runs queues one
/// follow-up. Notifications of other vendors (Xero is the invoice service's) are not this service's to act on.
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
            .Where(change => change.ResourceType == Pax8Resources.Subscription)
            .Select(change => new SyncScopeItem(Pax8Resources.Subscription, change.ResourceId))
            .ToList();
        var scope = message.Changes.Any(change => change.ResourceType == Pax8Resources.Account)
            ? SyncScope.Everything
            : SyncScope.Of(subscriptions);
        if (!scope.IsEverything && subscriptions.Count == 0)
        {
            return;
        }
        await runs.EnqueueScopedAsync(transaction, message.OrgId, Pax8Integration.IntegrationName,
            SyncTriggers.WebhookTriggered, SyncRunStore.WebhookRequester, scope, cancellationToken);
    }
}

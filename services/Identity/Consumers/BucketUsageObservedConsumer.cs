using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using BillingOne.Identity.Data;
using BillingOne.Identity.Domain;
using Npgsql;

namespace BillingOne.Identity.Consumers;

/// <summary>Tells the people the notification rules choose when a bucket goes over its commit, once per bucket and month.</summary>
public sealed class BucketUsageObservedConsumer(NpgsqlDataSource dataSource, IInbox inbox, NotificationStore notifications)
    : NotificationConsumer<BucketUsageObserved>(dataSource, inbox, notifications)
{
    protected override NotificationMessage? Describe(BucketUsageObserved message) =>
        NotificationTriggers.IsOverage(message) ? NotificationMessage.From(message) : null;

    protected override string TriggerKey(BucketUsageObserved message) => NotificationTriggers.OverageKey(message);
}

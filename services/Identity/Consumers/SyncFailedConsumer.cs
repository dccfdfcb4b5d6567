using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using BillingOne.Identity.Data;
using BillingOne.Identity.Domain;
using Npgsql;

namespace BillingOne.Identity.Consumers;

/// <summary>Tells the people the notification rules choose that a vendor sync failed.</summary>
public sealed class SyncFailedConsumer(NpgsqlDataSource dataSource, IInbox inbox, NotificationStore notifications)
    : NotificationConsumer<SyncFailed>(dataSource, inbox, notifications)
{
    protected override NotificationMessage Describe(SyncFailed message) => NotificationMessage.From(message);
}

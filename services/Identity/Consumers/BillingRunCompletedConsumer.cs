using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using BillingOne.Identity.Data;
using BillingOne.Identity.Domain;
using Npgsql;

namespace BillingOne.Identity.Consumers;

/// <summary>Tells the people the notification rules choose that a billing run finished.</summary>
public sealed class BillingRunCompletedConsumer(NpgsqlDataSource dataSource, IInbox inbox, NotificationStore notifications)
    : NotificationConsumer<BillingRunCompleted>(dataSource, inbox, notifications)
{
    protected override NotificationMessage Describe(BillingRunCompleted message) => NotificationMessage.From(message);
}

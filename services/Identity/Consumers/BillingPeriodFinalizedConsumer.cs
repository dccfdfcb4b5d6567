using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using BillingOne.Identity.Data;
using BillingOne.Identity.Domain;
using Npgsql;

namespace BillingOne.Identity.Consumers;

/// <summary>Tells the people the notification rules choose that a billing period was finalized.</summary>
public sealed class BillingPeriodFinalizedConsumer(NpgsqlDataSource dataSource, IInbox inbox, NotificationStore notifications)
    : NotificationConsumer<BillingPeriodFinalized>(dataSource, inbox, notifications)
{
    protected override NotificationMessage Describe(BillingPeriodFinalized message) => NotificationMessage.From(message);
}

using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using BillingOne.Identity.Data;
using BillingOne.Identity.Domain;
using Npgsql;

namespace BillingOne.Identity.Consumers;

/// <summary>
/// Tells the people the organization's notification rules choose about an event, exactly once per message (the
/// bell entries and the mails commit with the inbox record). A consumer states only what the event says, and when it
/// is news.
/// </summary>
public abstract class NotificationConsumer<TEvent>(NpgsqlDataSource dataSource, IInbox inbox, NotificationStore notifications)
    : InboxConsumer<TEvent>(dataSource, inbox)
    where TEvent : class, IIntegrationEvent
{
    protected override Task ApplyAsync(TEvent message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        Describe(message) is { } notification
            ? notifications.RecordAsync(transaction, notification, TriggerKey(message), cancellationToken)
            : Task.CompletedTask;

    /// <summary>What to tell, or null when the event is no news.</summary>
    protected abstract NotificationMessage? Describe(TEvent message);

    /// <summary>The state the event repeats, told about once (<see cref="NotificationTriggers"/>); null: every event is news.</summary>
    protected virtual string? TriggerKey(TEvent message) => null;
}

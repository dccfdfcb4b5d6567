using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using BillingOne.Identity.Data;
using BillingOne.Identity.Domain;
using Npgsql;

namespace BillingOne.Identity.Consumers;

/// <summary>
/// Tells the people the notification rules choose when a client is found under-licensed; again only after it was
/// matched or over-licensed in between.
/// </summary>
public sealed class ClientReconciledConsumer(
    NpgsqlDataSource dataSource, IInbox inbox, NotificationStore notifications, ClientCopyStore clients)
    : InboxConsumer<ClientReconciled>(dataSource, inbox)
{
    protected override async Task ApplyAsync(ClientReconciled message, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        var key = NotificationTriggers.UnderLicensedKey(message);
        if (!NotificationTriggers.IsUnderLicensed(message))
        {
            await NotificationStore.ForgetTriggerAsync(transaction, message.OrgId, key, cancellationToken);
            return;
        }
        var name = await clients.FindNameAsync(transaction, message.OrgId, message.ClientId, cancellationToken);
        await notifications.RecordAsync(transaction, NotificationMessage.From(message, name), key, cancellationToken);
    }
}

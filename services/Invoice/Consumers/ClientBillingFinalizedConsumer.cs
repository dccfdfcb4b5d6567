using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using BillingOne.Contracts.Money;
using BillingOne.Invoice.Data;
using BillingOne.Invoice.DraftInvoices;
using Npgsql;

namespace BillingOne.Invoice.Consumers;

/// <summary>
/// Keeps a client's finalized month as a draft invoice to push, once: the inbox makes a redelivery a no-op, and the
/// draft's unique client, month and currency make a replayed event one too.
/// </summary>
public sealed class ClientBillingFinalizedConsumer(
    NpgsqlDataSource dataSource,
    IInbox inbox,
    DraftInvoiceStore drafts,
    DraftInvoiceSignal signal) : InboxConsumer<ClientBillingFinalized>(dataSource, inbox)
{
    protected override async Task ApplyAsync(ClientBillingFinalized message, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        if (message.OrgId == Guid.Empty || message.ClientId == Guid.Empty || message.Month is < 1 or > 12
            || !Iso4217.TryNormalize(message.Currency, out _) || message.Lines.Count == 0)
        {
            throw new MessageValidationException(
                "ClientBillingFinalized must carry an organization, a client, a month, an ISO 4217 currency and lines.");
        }
        if (await drafts.RecordAsync(transaction, message, cancellationToken))
        {
            signal.Raise();
        }
    }
}

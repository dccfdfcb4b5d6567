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
        if (await drafts.RecordAsync(transaction, message, cancellationToken))
        {
            signal.Raise();
        }
    }
}

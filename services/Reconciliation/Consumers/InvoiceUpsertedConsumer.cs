using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using BillingOne.Reconciliation.Application;
using BillingOne.Reconciliation.Data;
using BillingOne.Reconciliation.Domain;
using Npgsql;

namespace BillingOne.Reconciliation.Consumers;

/// <summary>
/// Keeps the copy of each invoice's client, reference and status (the highest version wins) and compares the
/// organization's clients again: the invoice may now cover, or no longer cover, a month's overage.
/// </summary>
public sealed partial class InvoiceUpsertedConsumer(
    NpgsqlDataSource dataSource,
    IInbox inbox,
    InvoiceStore invoices,
    ClientReconciler reconciler,
    ILogger<InvoiceUpsertedConsumer> logger) : InboxConsumer<InvoiceUpserted>(dataSource, inbox)
{
    protected override async Task ApplyAsync(InvoiceUpserted message, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        var (applied, previousReference) = await invoices.UpsertIfNewerAsync(transaction, message, cancellationToken);
        if (!applied)
        {
            LogStale(message.InvoiceId, message.Version);
            return;
        }
        // Only invoices of the draft push cover overages: the many others cannot move a figure.
        if (MissedBilling.IsInvoiceReference(message.Reference) || MissedBilling.IsInvoiceReference(previousReference))
        {
            await reconciler.RecomputeAsync(transaction, message.OrgId, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Invoice {InvoiceId} version {Version} ignored: the copy already holds that version or a newer one")]
    private partial void LogStale(Guid invoiceId, long version);
}

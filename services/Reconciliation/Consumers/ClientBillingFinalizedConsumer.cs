using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using BillingOne.Reconciliation.Application;
using BillingOne.Reconciliation.Data;
using Npgsql;

namespace BillingOne.Reconciliation.Consumers;

/// <summary>
/// Keeps each client's finalized overages per bucket and month (a later finalization of the month replaces them) and
/// compares the organization's clients again: an overage no invoice covers is missed billing.
/// </summary>
public sealed partial class ClientBillingFinalizedConsumer(
    NpgsqlDataSource dataSource,
    IInbox inbox,
    BillingOverageStore overages,
    ClientReconciler reconciler,
    ILogger<ClientBillingFinalizedConsumer> logger) : InboxConsumer<ClientBillingFinalized>(dataSource, inbox)
{
    protected override async Task ApplyAsync(ClientBillingFinalized message, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        if (!await overages.ReplaceIfNewerAsync(transaction, message, cancellationToken))
        {
            LogStale(message.ClientId, message.Year, message.Month, message.FinalizedAt);
            return;
        }
        await reconciler.RecomputeAsync(transaction, message.OrgId, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Billing of client {ClientId} for {Year}-{Month} finalized at {FinalizedAt} ignored: a finalization at least as recent is stored")]
    private partial void LogStale(Guid clientId, int year, int month, DateTimeOffset finalizedAt);
}

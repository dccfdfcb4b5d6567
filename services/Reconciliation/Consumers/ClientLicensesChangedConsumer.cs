using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using BillingOne.Reconciliation.Application;
using BillingOne.Reconciliation.Data;
using Npgsql;

namespace BillingOne.Reconciliation.Consumers;

/// <summary>
/// Keeps the copy of each client's licence figures (the highest version wins) and compares the organization's clients
/// again: the client's variance moves, and so may the average price of unlicensed devices elsewhere.
/// </summary>
public sealed partial class ClientLicensesChangedConsumer(
    NpgsqlDataSource dataSource,
    IInbox inbox,
    ClientLicenseStore licenses,
    ClientReconciler reconciler,
    ILogger<ClientLicensesChangedConsumer> logger) : InboxConsumer<ClientLicensesChanged>(dataSource, inbox)
{
    protected override async Task ApplyAsync(ClientLicensesChanged message, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        if (!await licenses.UpsertIfNewerAsync(transaction, message, cancellationToken))
        {
            LogStale(message.ClientId, message.Version);
            return;
        }
        await reconciler.RecomputeAsync(transaction, message.OrgId, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Licences of client {ClientId} version {Version} ignored: the copy already holds that version or a newer one")]
    private partial void LogStale(Guid clientId, long version);
}

using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
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
        if (message.OrgId == Guid.Empty || message.ClientId == Guid.Empty || message.Version < 1)
        {
            throw new MessageValidationException(
                "ClientLicensesChanged must carry an organization id, a client id and a version from 1 on.");
        }
        if (message.DeviceLicenses < 0 || message.DeviceLicenseUnitPrice < 0)
        {
            throw new MessageValidationException(
                $"ClientLicensesChanged for client {message.ClientId} has negative device licences or unit price.");
        }
        if (message.Products?.FirstOrDefault(product => !ProductCoverages.All.Contains(product.Covers)
                || product.Quantity < 0 || product.MonthlyUnitPrice < 0) is { } invalid)
        {
            throw new MessageValidationException(
                $"ClientLicensesChanged for client {message.ClientId} has product {invalid.ProductId} with an unknown " +
                "coverage, a negative quantity or a negative unit price.");
        }
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

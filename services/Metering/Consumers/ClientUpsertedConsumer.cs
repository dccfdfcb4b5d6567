using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using BillingOne.Metering.Data;
using Npgsql;

namespace BillingOne.Metering.Consumers;

/// <summary>
/// Keeps metering's copy of the organization's clients (names, time zones) in step with the subscription service.
/// The inbox makes a redelivered message a no-op; the version check makes an older event arriving after a newer
/// one a no-op.
/// </summary>
public sealed partial class ClientUpsertedConsumer(
    NpgsqlDataSource dataSource,
    IInbox inbox,
    ClientStore clients,
    ILogger<ClientUpsertedConsumer> logger) : InboxConsumer<ClientUpserted>(dataSource, inbox)
{
    protected override async Task ApplyAsync(ClientUpserted message, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        ClientUpsertedChecks.RequireComplete(message);
        if (await clients.UpsertAsync(transaction, message, cancellationToken))
        {
            LogApplied(message.ClientId, message.Version);
        }
        else
        {
            LogStale(message.ClientId, message.Version);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Client {ClientId} version {Version} applied")]
    private partial void LogApplied(Guid clientId, long version);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Client {ClientId} version {Version} ignored: metering already holds that version or a newer one")]
    private partial void LogStale(Guid clientId, long version);
}

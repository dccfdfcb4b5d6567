using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using BillingOne.Projection.Data;
using Npgsql;

namespace BillingOne.Projection.Consumers;

/// <summary>
/// Keeps the Clients screen's rows in step with the subscription service's clients. The inbox makes a redelivered
/// message a no-op; the version check makes an older event arriving after a newer one a no-op.
/// </summary>
public sealed partial class ClientUpsertedConsumer(
    NpgsqlDataSource dataSource,
    IInbox inbox,
    ClientSnapshotStore snapshots,
    ILogger<ClientUpsertedConsumer> logger) : InboxConsumer<ClientUpserted>(dataSource, inbox)
{
    protected override async Task ApplyAsync(ClientUpserted message, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        ClientUpsertedChecks.RequireComplete(message);
        if (await snapshots.UpsertClientAsync(transaction, message, cancellationToken))
        {
            LogApplied(message.ClientId, message.Version);
        }
        else
        {
            LogStale(message.ClientId, message.Version);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Client {ClientId} version {Version} applied to the read model")]
    private partial void LogApplied(Guid clientId, long version);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Client {ClientId} version {Version} ignored: the read model already holds that version or a newer one")]
    private partial void LogStale(Guid clientId, long version);
}

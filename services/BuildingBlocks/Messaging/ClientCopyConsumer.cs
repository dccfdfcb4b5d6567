using BillingOne.Contracts.Events;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace BillingOne.BuildingBlocks.Messaging;

/// <summary>
/// Keeps a service's copy of the organization's clients in step with the subscription service. The inbox makes a
/// redelivered message a no-op; the version check of <see cref="UpsertIfNewerAsync"/> makes an older event arriving
/// after a newer one a no-op.
/// </summary>
public abstract partial class ClientCopyConsumer(NpgsqlDataSource dataSource, IInbox inbox, ILogger logger)
    : InboxConsumer<ClientUpserted>(dataSource, inbox)
{
    protected sealed override async Task ApplyAsync(ClientUpserted message, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        if (await UpsertIfNewerAsync(transaction, message, cancellationToken))
        {
            LogApplied(logger, message.ClientId, message.Version);
        }
        else
        {
            LogStale(logger, message.ClientId, message.Version);
        }
    }

    /// <summary>Records the client unless the copy holds that version or a newer one; whether it did.</summary>
    protected abstract Task<bool> UpsertIfNewerAsync(NpgsqlTransaction transaction, ClientUpserted client,
        CancellationToken cancellationToken);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Client {ClientId} version {Version} applied to the copy")]
    private static partial void LogApplied(ILogger logger, Guid clientId, long version);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Client {ClientId} version {Version} ignored: the copy already holds that version or a newer one")]
    private static partial void LogStale(ILogger logger, Guid clientId, long version);
}

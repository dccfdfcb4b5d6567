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
    /// <summary>
    /// Throws <see cref="MessageValidationException"/> (the message goes to the error queue) unless it names an
    /// organization and a client, has a name and a time zone, and a version from 1 on, which copies compare.
    /// </summary>
    public static void RequireComplete(ClientUpserted message)
    {
        if (message.OrgId == Guid.Empty || message.ClientId == Guid.Empty)
        {
            throw new MessageValidationException("ClientUpserted must carry an organization id and a client id.");
        }
        if (string.IsNullOrWhiteSpace(message.Name) || string.IsNullOrWhiteSpace(message.TimeZone))
        {
            throw new MessageValidationException($"ClientUpserted for client {message.ClientId} has no name or time zone.");
        }
        if (message.Version < 1)
        {
            throw new MessageValidationException(
                $"ClientUpserted for client {message.ClientId} has version {message.Version}; versions start at 1.");
        }
    }

    protected sealed override async Task ApplyAsync(ClientUpserted message, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        RequireComplete(message);
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

using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using BillingOne.Identity.Data;
using Npgsql;

namespace BillingOne.Identity.Consumers;

/// <summary>
/// Keeps identity's copy of the organizations' clients current, so client-scoped API keys can only name a client
/// that exists. Redeliveries are no-ops (inbox), and so are older versions arriving after newer ones.
/// </summary>
public sealed partial class ClientUpsertedConsumer(
    NpgsqlDataSource dataSource,
    IInbox inbox,
    ClientCopyStore clients,
    ILogger<ClientUpsertedConsumer> logger) : InboxConsumer<ClientUpserted>(dataSource, inbox)
{
    protected override async Task ApplyAsync(ClientUpserted message, NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        if (message.OrgId == Guid.Empty || message.ClientId == Guid.Empty || string.IsNullOrWhiteSpace(message.Name)
            || message.Version < 1)
        {
            throw new MessageValidationException(
                $"ClientUpserted for client {message.ClientId} needs an organization, a name and a version of 1 or " +
                $"more (got {message.Version}).");
        }
        if (!await clients.UpsertAsync(transaction, message, cancellationToken))
        {
            LogStale(message.ClientId, message.Version);
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Client {ClientId} version {Version} ignored: identity already holds that version or a newer one")]
    private partial void LogStale(Guid clientId, long version);
}

using BillingOne.Contracts.Events;

namespace BillingOne.BuildingBlocks.Messaging;

/// <summary>What every service keeping a copy of the clients requires of a <see cref="ClientUpserted"/>.</summary>
public static class ClientUpsertedChecks
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
}

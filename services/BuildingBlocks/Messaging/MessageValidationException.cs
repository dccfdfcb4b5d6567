using BillingOne.Contracts.Events;

namespace BillingOne.BuildingBlocks.Messaging;

/// <summary>
/// The message itself is wrong: retrying cannot help, so it goes straight to the endpoint's
/// <c>_error</c> queue where an operator can inspect and redeliver it.
/// </summary>
public sealed class MessageValidationException(string message) : Exception(message)
{
    /// <summary>Refuses an event its own <see cref="IIntegrationEvent.Validate"/> finds problems with.</summary>
    public static void ThrowIfInvalid(IIntegrationEvent message)
    {
        if (message.Validate() is [_, ..] problems)
        {
            throw new MessageValidationException(string.Join(" ", problems));
        }
    }
}

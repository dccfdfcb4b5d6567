using MassTransit;
using Microsoft.Extensions.Options;

namespace BillingOne.BuildingBlocks.Messaging;

/// <summary>
/// Publishes a message straight to the broker and returns only once the broker has confirmed it (a persistent message
/// on durable queues: written to their disks). For the ingest hot path, where writing each batch through the outbox
/// table and reading it back would double the database's work; the caller answers its own caller only after this
/// returns, so nothing it acknowledges is lost. A confirm that does not come within
/// <see cref="OutboxRelayOptions.PublishTimeout"/> (the broker unreachable) is a <see cref="TimeoutException"/>,
/// which callers are told to retry. The wait itself is bounded too, not only the token handed to the bus: a publish
/// waiting for a channel that a broker restart left behind does not always watch its token, and a caller held
/// forever would hold its database transaction, its connection and its row locks with it.
/// </summary>
public sealed class ConfirmedPublisher(IBus bus, IOptions<OutboxRelayOptions> options)
{
    public Task PublishAsync<T>(T message, Guid messageId, CancellationToken cancellationToken) where T : class =>
        BoundedAsync(token => bus.Publish(message, context => context.MessageId = messageId, token), typeof(T),
            messageId, cancellationToken);

    /// <summary>A message whose type is known only at run time (the outbox relay's rows).</summary>
    public Task PublishAsync(object message, Type messageType, Guid messageId, CancellationToken cancellationToken) =>
        BoundedAsync(token => bus.Publish(message, messageType, context => context.MessageId = messageId, token),
            messageType, messageId, cancellationToken);

    private async Task BoundedAsync(Func<CancellationToken, Task> publish, Type messageType, Guid messageId,
        CancellationToken cancellationToken)
    {
        var timeout = options.Value.PublishTimeout;
        using var publishTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        publishTimeout.CancelAfter(timeout);
        try
        {
            await publish(publishTimeout.Token).WaitAsync(timeout, cancellationToken);
        }
        catch (Exception exception) when (exception is OperationCanceledException or TimeoutException
                                          && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"The broker did not confirm {messageType.Name} {messageId} within {timeout.TotalSeconds:0.#} s.");
        }
    }
}

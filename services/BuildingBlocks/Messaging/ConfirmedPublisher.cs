using MassTransit;
using Microsoft.Extensions.Options;

namespace BillingOne.BuildingBlocks.Messaging;

/// <summary>
/// Publishes a message straight to the broker and returns only once the broker has confirmed it (a persistent message
/// on durable queues: written to their disks). For the ingest hot path, where writing each batch through the outbox
/// table and reading it back would double the database's work; the caller answers its own caller only after this
/// returns, so nothing it acknowledges is lost. A confirm that does not come within
/// <see cref="OutboxRelayOptions.PublishTimeout"/> (the broker unreachable) is a <see cref="TimeoutException"/>,
/// which callers are told to retry.
/// </summary>
public sealed class ConfirmedPublisher(IBus bus, IOptions<OutboxRelayOptions> options)
{
    public async Task PublishAsync<T>(T message, Guid messageId, CancellationToken cancellationToken) where T : class
    {
        var timeout = options.Value.PublishTimeout;
        using var publishTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        publishTimeout.CancelAfter(timeout);
        try
        {
            await bus.Publish(message, context => context.MessageId = messageId, publishTimeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"The broker did not confirm {typeof(T).Name} {messageId} within {timeout.TotalSeconds:0.#} s.");
        }
    }
}

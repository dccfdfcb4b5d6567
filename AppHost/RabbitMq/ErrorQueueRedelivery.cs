using BillingOne.AppHost.Orchestration;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace BillingOne.AppHost.RabbitMq;

public sealed record RedeliveryResult(string VirtualHost, string ErrorQueue, string SourceQueue, int Moved);

/// <summary>
/// Moves the messages of a MassTransit <c>_error</c> queue back to the queue they failed in, for another try
/// once the cause is fixed. Each message is taken unacknowledged, republished with its properties and headers
/// to the source queue with a publisher confirm, and only then acknowledged — a failure midway loses nothing.
/// </summary>
public sealed class ErrorQueueRedelivery(InfrastructureServers servers, ILogger<ErrorQueueRedelivery> logger)
{
    public async Task<RedeliveryResult> RedeliverAsync(string virtualHost, string errorQueue, CancellationToken cancellationToken)
    {
        if (!errorQueue.EndsWith(QueueSummary.ErrorSuffix, StringComparison.Ordinal) || errorQueue.Length <= QueueSummary.ErrorSuffix.Length)
        {
            throw new ArgumentException($"'{errorQueue}' is not an error queue (<queue>{QueueSummary.ErrorSuffix}).");
        }
        var rabbitMq = servers.RabbitMq ?? throw new InvalidOperationException("RabbitMQ is not running yet.");
        var sourceQueue = errorQueue[..^QueueSummary.ErrorSuffix.Length];

        var factory = new ConnectionFactory { Uri = rabbitMq.AmqpUriFor(virtualHost), ClientProvidedName = "billingone-apphost-redelivery" };
        await using var connection = await factory.CreateConnectionAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            cancellationToken);

        try
        {
            await channel.QueueDeclarePassiveAsync(sourceQueue, cancellationToken);
        }
        catch (OperationInterruptedException)
        {
            throw new InvalidOperationException($"The source queue '{sourceQueue}' does not exist in vhost '{virtualHost}'.");
        }

        // A message that fails again comes back to the error queue: count first so each one is moved once.
        var pending = await MessageCountAsync(connection, errorQueue, cancellationToken);
        var moved = 0;
        while (moved < pending && await channel.BasicGetAsync(errorQueue, autoAck: false, cancellationToken) is { } message)
        {
            try
            {
                await channel.BasicPublishAsync(
                    exchange: string.Empty, routingKey: sourceQueue, mandatory: true,
                    basicProperties: new BasicProperties(message.BasicProperties), body: message.Body,
                    cancellationToken: cancellationToken);
            }
            catch
            {
                await channel.BasicNackAsync(message.DeliveryTag, multiple: false, requeue: true, CancellationToken.None);
                throw;
            }
            await channel.BasicAckAsync(message.DeliveryTag, multiple: false, cancellationToken);
            moved++;
        }

        logger.LogInformation("Moved {Count} messages from {ErrorQueue} back to {SourceQueue} (vhost {VirtualHost})",
            moved, errorQueue, sourceQueue, virtualHost);
        return new RedeliveryResult(virtualHost, errorQueue, sourceQueue, moved);
    }

    /// <summary>Counted on its own channel: a passive declare of a missing queue would close the working one.</summary>
    private static async Task<uint> MessageCountAsync(IConnection connection, string queue, CancellationToken cancellationToken)
    {
        try
        {
            await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            return await channel.MessageCountAsync(queue, cancellationToken);
        }
        catch (OperationInterruptedException)
        {
            throw new InvalidOperationException($"The error queue '{queue}' does not exist.");
        }
    }
}

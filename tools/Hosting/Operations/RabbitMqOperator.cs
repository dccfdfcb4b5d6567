using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace BillingOne.Hosting;

/// <summary>
/// What an operator does with RabbitMQ from the dashboard: read the queues (management API) and move the messages of
/// MassTransit's <c>_error</c> queues back to the queue they failed in once the cause is fixed. Each message is taken
/// unacknowledged, republished with its properties to the source queue with a publisher confirm, and only then
/// acknowledged, so a failure midway loses nothing.
/// </summary>
public sealed class RabbitMqOperator(IResourceWithConnectionString rabbitMq, EndpointReference management, ILogger logger)
{
    // Only the columns shown: the full queue objects are large.
    private const string QueuesPath =
        "api/queues?columns=vhost,name,state,messages,messages_ready,messages_unacknowledged,consumers," +
        "message_stats.publish_details.rate,message_stats.deliver_get_details.rate";

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    public async Task<IReadOnlyList<QueueSummary>> QueuesAsync(CancellationToken cancellationToken)
    {
        var amqp = await AmqpUriAsync(cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(management.Url + "/"), QueuesPath));
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(Uri.UnescapeDataString(amqp.UserInfo))));
        using var response = await Http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return QueueSummary.ParseList(await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>Moves every <c>_error</c> queue's messages back; returns what moved where.</summary>
    public async Task<IReadOnlyList<(QueueSummary ErrorQueue, int Moved)>> RedeliverErrorsAsync(CancellationToken cancellationToken)
    {
        var moved = new List<(QueueSummary, int)>();
        foreach (var queue in (await QueuesAsync(cancellationToken)).Where(queue => queue.IsErrorQueue && queue.Messages > 0))
        {
            moved.Add((queue, await RedeliverAsync(queue, cancellationToken)));
        }
        return moved;
    }

    private async Task<int> RedeliverAsync(QueueSummary errorQueue, CancellationToken cancellationToken)
    {
        var amqp = await AmqpUriAsync(cancellationToken);
        var factory = new ConnectionFactory
        {
            Uri = new UriBuilder(amqp) { Path = "/" + Uri.EscapeDataString(errorQueue.VirtualHost) }.Uri,
        };
        await using var connection = await factory.CreateConnectionAsync("billingone-apphost-redelivery", cancellationToken);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true),
            cancellationToken);
        var source = errorQueue.SourceQueue!;
        try
        {
            await channel.QueueDeclarePassiveAsync(source, cancellationToken);
        }
        catch (OperationInterruptedException)
        {
            throw new InvalidOperationException($"The source queue '{source}' does not exist in vhost '{errorQueue.VirtualHost}'.");
        }

        // A message that fails again comes back to the error queue: take only as many as were there.
        var moved = 0;
        while (moved < errorQueue.Messages
               && await channel.BasicGetAsync(errorQueue.Name, autoAck: false, cancellationToken) is { } message)
        {
            try
            {
                await channel.BasicPublishAsync(string.Empty, source, mandatory: true,
                    new BasicProperties(message.BasicProperties), message.Body, cancellationToken);
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
            moved, errorQueue.Name, source, errorQueue.VirtualHost);
        return moved;
    }

    private async Task<Uri> AmqpUriAsync(CancellationToken cancellationToken) =>
        new(await rabbitMq.ConnectionStringExpression.GetValueAsync(cancellationToken)
            ?? throw new InvalidOperationException("RabbitMQ has no connection string yet."));
}

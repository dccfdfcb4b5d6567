using BillingOne.Contracts.Events;
using RabbitMQ.Client;

namespace BillingOne.Ingestion.Tests.Api;

/// <summary>
/// Every <see cref="UsageReadingsAccepted"/> the service publishes to its virtual host, taken from a queue of the
/// test's own bound to the message type's exchange, as metering's queue is. Ingestion answers only once the broker
/// has confirmed a batch, so a batch of an answered call is already in the queue: no waiting is needed. Batches travel
/// as their protobuf body, which this reads as metering does.
/// </summary>
public sealed class PublishedBatches : IAsyncDisposable
{
    // MassTransit's exchange for the message type: its namespace and name.
    private const string Exchange = "BillingOne.Contracts.Events:UsageReadingsAccepted";

    private readonly IConnection connection;
    private readonly IChannel channel;
    private readonly string queue;
    private readonly List<UsageReadingsAccepted> received = [];
    private readonly SemaphoreSlim gate = new(1, 1);

    private PublishedBatches(IConnection connection, IChannel channel, string queue)
    {
        this.connection = connection;
        this.channel = channel;
        this.queue = queue;
    }

    public static async Task<PublishedBatches> ListenAsync(Uri virtualHost)
    {
        var connection = await new ConnectionFactory { Uri = virtualHost }.CreateConnectionAsync("ingestion tests");
        var channel = await connection.CreateChannelAsync();
        await channel.ExchangeDeclareAsync(Exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
        var queue = (await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true)).QueueName;
        await channel.QueueBindAsync(queue, Exchange, routingKey: "");
        return new PublishedBatches(connection, channel, queue);
    }

    /// <summary>The organization's batches published so far, oldest first.</summary>
    public async Task<List<UsageReadingsAccepted>> OfAsync(Guid orgId)
    {
        await gate.WaitAsync();
        try
        {
            while (await channel.BasicGetAsync(queue, autoAck: true) is { } delivery)
            {
                received.Add(UsageReadingsAcceptedProtobuf.Decode(delivery.Body.Span));
            }
            return received.Where(batch => batch.OrgId == orgId).ToList();
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await channel.DisposeAsync();
        await connection.DisposeAsync();
        gate.Dispose();
    }
}

using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Ingestion.Application;
using BillingOne.Ingestion.Domain;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace BillingOne.Ingestion.Transport;

/// <summary>
/// Reads the depth of metering's readings queue with a passive queue declare, on a connection of its own to the broker
/// the bus uses (MassTransit exposes no queue declare). The connection stays open between measurements; each
/// measurement gets a fresh channel, because a declare of a missing queue closes its channel.
/// </summary>
public sealed class RabbitMqQueueDepth(IConfiguration configuration, IngestBackpressureOptions options)
    : IMeteringQueueDepth, IAsyncDisposable
{
    private const ushort NotFound = 404;

    // Short, so a broker that does not answer leaves the sampler's decision stale for no longer than this.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim connecting = new(1, 1);
    private IConnection? connection;

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var open = await ConnectionAsync(timeout.Token);
        try
        {
            await using var channel = await open.CreateChannelAsync(cancellationToken: timeout.Token);
            var queue = await channel.QueueDeclarePassiveAsync(options.MeteringQueue, timeout.Token);
            return queue.MessageCount;
        }
        catch (OperationInterruptedException interrupted) when (interrupted.ShutdownReason?.ReplyCode == NotFound)
        {
            // Metering has not declared its queue yet: nothing is waiting for it.
            return 0;
        }
    }

    private async Task<IConnection> ConnectionAsync(CancellationToken cancellationToken)
    {
        if (connection is { IsOpen: true } open)
        {
            return open;
        }
        await connecting.WaitAsync(cancellationToken);
        try
        {
            if (connection is { IsOpen: true } reopened)
            {
                return reopened;
            }
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
            var uri = configuration.GetConnectionString(MessagingExtensions.ConnectionName)
                ?? throw new InvalidOperationException(
                    $"Connection string '{MessagingExtensions.ConnectionName}' is missing.");
            var factory = new ConnectionFactory
            {
                Uri = new Uri(uri),
                ClientProvidedName = "ingestion backlog sampler",
                AutomaticRecoveryEnabled = false,
                RequestedConnectionTimeout = Timeout,
            };
            connection = await factory.CreateConnectionAsync(cancellationToken);
            return connection;
        }
        finally
        {
            connecting.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }
        connecting.Dispose();
    }
}

using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RabbitMQ.Client;

namespace BillingOne.BuildingBlocks.Messaging;

/// <summary>
/// Asks RabbitMQ itself whether this service is connected: over a small connection of its own, every queue the
/// bus consumes from must have a consumer. The bus's own check is not enough: it reports what its endpoints last
/// told it (a bus whose only endpoint was its reply queue stayed healthy through a 40 s cut of its connection) and
/// cannot see a queue left without a consumer. Broker out of reach: Unhealthy; a queue without consumer (the bus not
/// reconnected yet): Degraded.
/// </summary>
internal sealed class BrokerHealthCheck(Uri brokerAddress, IBusControl bus, string connectionName)
    : IHealthCheck, IAsyncDisposable
{
    /// <summary>Longer than a loaded broker's handshake, shorter than an orchestrator's probe timeout.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim gate = new(1, 1);
    private IConnection? connection;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context,
        CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            var queues = ConsumedQueues();
            var open = await OpenAsync(cancellationToken);
            await using var channel = await open.CreateChannelAsync(cancellationToken: cancellationToken);
            var idle = new List<string>();
            foreach (var queue in queues)
            {
                var declared = await channel.QueueDeclarePassiveAsync(queue, cancellationToken);
                if (declared.ConsumerCount == 0)
                {
                    idle.Add(queue);
                }
            }
            await channel.CloseAsync(cancellationToken);
            return idle.Count == 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Degraded($"No consumer on {string.Join(", ", idle)}: the bus is reconnecting.");
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            await CloseAsync();
            // The description is public (probes hold no credentials): no address, no exception text.
            return new HealthCheckResult(context.Registration.FailureStatus, "RabbitMQ is out of reach.", failure);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The durable queues the bus receives from, by name; its own temporary reply queue is not watched.</summary>
    private IReadOnlyList<string> ConsumedQueues() => bus.CheckHealth().Endpoints.Keys
        .Select(address => new Uri(address))
        .Where(address => !address.Query.Contains("temporary=true", StringComparison.OrdinalIgnoreCase))
        .Select(address => address.Segments[^1])
        .ToList();

    private async Task<IConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (connection is { IsOpen: true })
        {
            return connection;
        }
        await CloseAsync();
        var factory = new ConnectionFactory
        {
            Uri = brokerAddress,
            RequestedConnectionTimeout = ConnectTimeout,
            ContinuationTimeout = ConnectTimeout,
            HandshakeContinuationTimeout = ConnectTimeout,
            AutomaticRecoveryEnabled = false,
        };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ConnectTimeout);
        connection = await factory.CreateConnectionAsync(connectionName, timeout.Token);
        return connection;
    }

    private async Task CloseAsync()
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
            connection = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        gate.Dispose();
    }
}

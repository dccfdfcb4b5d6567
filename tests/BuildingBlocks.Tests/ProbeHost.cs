using BillingOne.BuildingBlocks.Data;
using BillingOne.BuildingBlocks.Http.Idempotency;
using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Testing;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace BillingOne.BuildingBlocks.Tests;

/// <summary>
/// A service-shaped host (database, migrations, bus, outbox relay, inbox, probe consumers) on its own database
/// and virtual host, reaching RabbitMQ through a <see cref="TcpProxy"/> so a test can take the broker away.
/// </summary>
public sealed class ProbeHost : IAsyncDisposable
{
    private readonly IHost host;

    private ProbeHost(IHost host, TcpProxy brokerLink, Uri virtualHost)
    {
        this.host = host;
        BrokerLink = brokerLink;
        VirtualHost = virtualHost;
    }

    public TcpProxy BrokerLink { get; }

    /// <summary>The broker address without the proxy, for inspecting queues directly.</summary>
    public Uri VirtualHost { get; }

    public IServiceProvider Services => host.Services;

    public NpgsqlDataSource DataSource => Services.GetRequiredService<NpgsqlDataSource>();

    public ProbeLog Log => Services.GetRequiredService<ProbeLog>();

    /// <param name="settings">Configuration on top of the probe's own (outbox relay options, say).</param>
    public static async Task<ProbeHost> StartAsync(string name, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var servers = await TestServers.GetAsync();
        var database = await servers.CreateDatabaseAsync(name);
        var virtualHost = await servers.CreateVirtualHostAsync(name);
        var brokerLink = new TcpProxy(virtualHost.Port);
        var throughProxy = new UriBuilder(virtualHost) { Port = brokerLink.Port }.Uri;

        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:probedb"] = database,
            ["ConnectionStrings:rabbitmq"] = throughProxy.ToString(),
            ["OTEL_SERVICE_NAME"] = "probe",
            ["Messaging:RetryLimit"] = "2",
            // Outages retried within a second rather than the deployed 13 s for four of them.
            ["Messaging:OutageRetryInterval"] = "00:00:00.020",
            ["Messaging:Outbox:PublishTimeout"] = "00:00:02",
            ["Messaging:Outbox:PollInterval"] = "00:00:00.200",
            // Tests run the retention purge themselves, so no background pass deletes rows under their feet.
            ["Retention:Enabled"] = "false",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Services.AddSingleton<ProbeLog>();
        builder.AddServiceDatabase("probedb", typeof(ProbeHost).Assembly);
        builder.AddMessaging(bus =>
        {
            bus.AddConsumer<ProbeHappenedConsumer>();
            bus.AddConsumer<CounterIncrementedConsumer>();
            bus.AddConsumer<MalformedArrivedConsumer>();
            bus.AddConsumer<OutageMetConsumer>();
            bus.AddConsumer<FaultMetConsumer>();
        });
        builder.AddIdempotency();
        var host = builder.Build();
        await host.StartAsync();
        // Queues and bindings exist once the bus is up; a message published before would have nowhere to go.
        var health = await host.Services.GetRequiredService<IBusControl>()
            .WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        if (health != BusHealthStatus.Healthy)
        {
            throw new InvalidOperationException($"The probe bus did not become healthy: {health}.");
        }
        return new ProbeHost(host, brokerLink, virtualHost);
    }

    /// <summary>Runs <paramref name="change"/> in a transaction and commits or rolls back.</summary>
    public async Task InTransactionAsync(Func<NpgsqlTransaction, Task> change, bool commit = true)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await change(transaction);
        if (commit)
        {
            await transaction.CommitAsync();
        }
        else
        {
            await transaction.RollbackAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
        await BrokerLink.DisposeAsync();
    }
}

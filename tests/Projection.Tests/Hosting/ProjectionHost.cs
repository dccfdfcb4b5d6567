extern alias projection;

using BillingOne.Testing;
using BillingOne.Testing.Servers;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BillingOne.Projection.Tests.Hosting;

/// <summary>
/// The projection service on its own database, listening on <paramref name="rabbitMq"/>, started and ready to
/// consume: its queues are bound before anything is published to the virtual host.
/// </summary>
public sealed class ProjectionHost(ServiceDatabase database, Uri rabbitMq) : IAsyncDisposable
{
    private readonly ServiceFactory<projection::Program> factory = new("projection", database, rabbitMq);

    /// <summary>As the database's owner, for tests that arrange or check rows.</summary>
    public string DatabaseConnectionString { get; } = database.OwnerConnectionString;

    /// <summary>The connection the service itself runs with.</summary>
    public NpgsqlDataSource ServiceDataSource => factory.Services.GetRequiredService<NpgsqlDataSource>();

    /// <summary>The service's own services, for tests that run one of its scheduled passes.</summary>
    public IServiceProvider Services => factory.Services;

    public HttpClient Client { get; private set; } = null!;

    public IBus Bus { get; private set; } = null!;

    /// <summary>A client acting for <paramref name="orgId"/> with <paramref name="role"/> (and a client scope).</summary>
    public HttpClient ClientFor(Guid orgId, string role, Guid? clientScope = null)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = TestTokens.For(orgId, role, clientScope);
        return client;
    }

    public ConsumedMessages Consumed { get; } = new();

    public async Task StartAsync()
    {
        factory.StartServer();
        Client = factory.CreateClient();
        var bus = factory.Services.GetRequiredService<IBusControl>();
        var health = await bus.WaitForHealthStatus(BusHealthStatus.Healthy, Eventually.DefaultTimeout);
        health.ShouldBe(BusHealthStatus.Healthy, "the projection's receive endpoints never became ready");
        bus.ConnectConsumeObserver(Consumed);
        Bus = bus;
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        await factory.DisposeAsync();
    }
}

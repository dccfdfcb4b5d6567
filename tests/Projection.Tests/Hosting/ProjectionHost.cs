extern alias projection;

using BillingOne.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOne.Projection.Tests.Hosting;

/// <summary>
/// The projection service on its own database, listening on <paramref name="rabbitMq"/>, started and ready to
/// consume: its queues are bound before anything is published to the virtual host.
/// </summary>
public sealed class ProjectionHost(string databaseConnectionString, Uri rabbitMq) : IAsyncDisposable
{
    private readonly ServiceFactory<projection::Program> factory = new("projection", databaseConnectionString, rabbitMq);

    public string DatabaseConnectionString { get; } = databaseConnectionString;

    public HttpClient Client { get; private set; } = null!;

    public IBus Bus { get; private set; } = null!;

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

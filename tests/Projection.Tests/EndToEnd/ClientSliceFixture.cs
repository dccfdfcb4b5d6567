extern alias subscription;

using BillingOne.Projection.Tests.Hosting;
using BillingOne.Testing;

namespace BillingOne.Projection.Tests.EndToEnd;

/// <summary>
/// The subscription and projection services side by side on one virtual host, each with its own database, as
/// they run deployed. The projection starts first so its queue is bound before the subscription publishes.
/// </summary>
public sealed class ClientSliceFixture : IAsyncLifetime
{
    private ServiceFactory<subscription::Program>? subscriptionFactory;

    public ProjectionHost Projection { get; private set; } = null!;

    public HttpClient Subscription { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var servers = await TestServers.GetAsync();
        var rabbitMq = await servers.CreateVirtualHostAsync("clientslice");
        Projection = new ProjectionHost(await servers.CreateServiceDatabaseAsync("clientslice_projection"), rabbitMq);
        await Projection.StartAsync();

        subscriptionFactory = new ServiceFactory<subscription::Program>("subscription",
            await servers.CreateServiceDatabaseAsync("clientslice_subscription"), rabbitMq);
        subscriptionFactory.StartServer();
        Subscription = subscriptionFactory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Subscription?.Dispose();
        if (subscriptionFactory is not null)
        {
            await subscriptionFactory.DisposeAsync();
        }
        await Projection.DisposeAsync();
    }
}

extern alias subscription;

using BillingOne.Testing;

namespace BillingOne.Subscription.Tests.Api;

/// <summary>The subscription service on a fresh database and virtual host, shared by one test class.</summary>
public sealed class SubscriptionApiFixture : IAsyncLifetime
{
    private ServiceFactory<subscription::Program>? factory;

    public string DatabaseConnectionString { get; private set; } = "";

    public HttpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var servers = await TestServers.GetAsync();
        var database = await servers.CreateServiceDatabaseAsync("subscription");
        DatabaseConnectionString = database.OwnerConnectionString;
        var rabbitMq = await servers.CreateVirtualHostAsync("subscription");
        factory = new ServiceFactory<subscription::Program>("subscription", database, rabbitMq);
        factory.StartServer();
        Client = factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }
    }
}

using BillingOne.Projection.Tests.Hosting;
using BillingOne.Testing;

namespace BillingOne.Projection.Tests.Api;

/// <summary>The projection service on a fresh database and virtual host, shared by one test class.</summary>
public sealed class ProjectionFixture : IAsyncLifetime
{
    public ProjectionHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var servers = await TestServers.GetAsync();
        Host = new ProjectionHost(await servers.CreateServiceDatabaseAsync("projection"),
            await servers.CreateVirtualHostAsync("projection"));
        await Host.StartAsync();
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

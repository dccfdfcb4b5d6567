extern alias reconciliation;

using BillingOne.BuildingBlocks.Security;
using BillingOne.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOne.Reconciliation.Tests.Api;

/// <summary>
/// The reconciliation service on a fresh database and virtual host, shared by one test class. Tests keep apart by
/// acting for organizations of their own, each with its RMM settings pointing at its own stub.
/// </summary>
public sealed class ReconciliationFixture : IAsyncLifetime
{
    private ServiceFactory<reconciliation::Program>? factory;

    /// <summary>The database owner's connection, for probes that read what the API does not show.</summary>
    public string DatabaseConnectionString { get; private set; } = "";

    public IServiceProvider Services => factory!.Services;

    public IBus Bus => Services.GetRequiredService<IBus>();

    public async Task InitializeAsync()
    {
        var servers = await TestServers.GetAsync();
        var database = await servers.CreateServiceDatabaseAsync("reconciliation");
        DatabaseConnectionString = database.OwnerConnectionString;
        var rabbitMq = await servers.CreateVirtualHostAsync("reconciliation");
        factory = new ServiceFactory<reconciliation::Program>("reconciliation", database, rabbitMq);
        // Small pages so a few dozen devices span several; backoff in milliseconds (Retry-After still counts).
        factory.Settings["Connectors:NinjaOne:PageSize"] = "10";
        factory.Settings["Connectors:NinjaOne:RetryBaseDelay"] = "00:00:00.010";
        // The deployment's NinjaOne application, as the AppHost's development run gives it (appsettings.json has none).
        factory.Settings["Connectors:NinjaOne:ClientId"] = "billingone-sandbox";
        factory.Settings["Connectors:NinjaOne:ClientSecret"] = "sandbox-only-secret";
        factory.StartServer();
        // A message published before the consumers' queues are bound would reach no queue and be lost.
        (await Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, Eventually.DefaultTimeout))
            .ShouldBe(BusHealthStatus.Healthy, "the reconciliation service's receive endpoints never became ready");
    }

    /// <summary>A client acting for <paramref name="orgId"/>, limited to one client when <paramref name="clientScope"/> is set.</summary>
    public HttpClient ClientFor(Guid orgId, Guid? clientScope = null, string role = Roles.Admin)
    {
        var client = factory!.CreateClient();
        client.DefaultRequestHeaders.Authorization = TestTokens.For(orgId, role, clientScope);
        return client;
    }

    public async Task DisposeAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }
    }
}

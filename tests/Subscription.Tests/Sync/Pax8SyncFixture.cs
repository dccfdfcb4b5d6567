extern alias subscription;

using System.Net;
using System.Net.Http.Json;
using BillingOne.BuildingBlocks.Integrations;
using BillingOne.Subscription.Tests.Connectors;
using BillingOne.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOne.Subscription.Tests.Sync;

/// <summary>
/// The subscription service on its own database, its Pax8 connector pointed at a WireMock stand-in (the deployment's
/// default credentials), for tests that sync and then read what the sync stored.
/// </summary>
public sealed class Pax8SyncFixture : IAsyncLifetime
{
    public const string SyncPath = "/api/subscription/integrations/pax8/sync";
    private ServiceFactory<subscription::Program>? factory;

    public Pax8Stub Stub { get; } = new();

    public Pax8World World { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public string DatabaseConnectionString { get; private set; } = "";

    /// <summary>The service's own bus: what a test publishes here, the service's consumers receive.</summary>
    public IBus Bus { get; private set; } = null!;

    public ConsumeLog Consumed { get; } = new();

    public async Task InitializeAsync()
    {
        World = new Pax8World(Stub);
        var servers = await TestServers.GetAsync();
        var database = await servers.CreateServiceDatabaseAsync("subscription");
        DatabaseConnectionString = database.OwnerConnectionString;
        factory = new ServiceFactory<subscription::Program>("subscription", database,
            await servers.CreateVirtualHostAsync("subscription"));
        factory.Settings["Connectors:Pax8:BaseAddress"] = Stub.Server.Url!;
        factory.Settings["Connectors:Pax8:TokenUrl"] = Stub.Server.Url + Pax8Stub.TokenPath;
        factory.Settings["Connectors:Pax8:ClientId"] = "billingone-tests";
        factory.Settings["Connectors:Pax8:ClientSecret"] = "stub-secret";
        factory.Settings["Connectors:Pax8:PageSize"] = Pax8Stub.PageSize.ToString();
        factory.Settings["Connectors:Pax8:RetryDelay"] = "00:00:00.010";
        factory.StartServer();
        Client = factory.CreateClient();
        var bus = factory.Services.GetRequiredService<IBusControl>();
        (await bus.WaitForHealthStatus(BusHealthStatus.Healthy, Eventually.DefaultTimeout))
            .ShouldBe(BusHealthStatus.Healthy, "the subscription service's receive endpoints never became ready");
        bus.ConnectConsumeObserver(Consumed);
        Bus = bus;
    }

    /// <summary>A service of the running subscription service, to drive a background pass directly.</summary>
    public T Service<T>() where T : notnull => factory!.Services.GetRequiredService<T>();

    /// <summary>Publishes <paramref name="message"/> and waits until the service handled it (or it faulted).</summary>
    public async Task<Guid> PublishAsync<T>(T message) where T : class
    {
        var id = NewId.NextGuid();
        await Bus.Publish(message, context => context.MessageId = id);
        return id;
    }

    /// <summary>Starts a sync and waits for it to finish; the finished run.</summary>
    public async Task<SyncRunResponse> SyncAsync()
    {
        using var started = await Client.PostAsJsonAsync(SyncPath, new { trigger = "manual" });
        started.StatusCode.ShouldBe(HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync());
        var run = (await started.Content.ReadFromJsonAsync<SyncRunResponse>())!;
        return await FinishedAsync(run.Id);
    }

    public Task<SyncRunResponse> FinishedAsync(Guid runId) => Eventually.ReturnsAsync(
        async () => (await Client.GetFromJsonAsync<SyncRunResponse>($"/api/subscription/integrations/sync-runs/{runId}"))!,
        run => run.Status is SyncRunStatus.Completed or SyncRunStatus.Failed, "the sync run to finish",
        // A first sync applies a few hundred rows in one transaction: on a loaded two-core runner that alone has taken
        // over half a minute.
        TimeSpan.FromMinutes(2));

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }
        Stub.Dispose();
    }
}

extern alias projection;

using BillingOne.Contracts.Partner.V1;
using BillingOne.Projection.Tests.Hosting;
using BillingOne.Testing;
using Grpc.Core;
using Grpc.Net.Client;
using MassTransit;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BillingOne.Projection.Tests.Grpc;

/// <summary>
/// The projection service on a fresh database and virtual host, on the in-memory test server, whose handler speaks
/// the HTTP/2 gRPC needs; its consumers are ready before a test publishes.
/// </summary>
public sealed class PartnerGrpcFixture : IAsyncLifetime
{
    private ServiceFactory<projection::Program>? factory;
    private WebApplicationFactory<projection::Program>? service;
    private GrpcChannel? channel;

    public IBus Bus { get; private set; } = null!;

    public ConsumedMessages Consumed { get; } = new();

    public PartnerClients.PartnerClientsClient Client => new(channel);

    public PartnerEvents.PartnerEventsClient Events => new(channel);

    /// <summary>The service's own database, for a test that writes with transactions of its own.</summary>
    public NpgsqlDataSource DataSource => service!.Services.GetRequiredService<NpgsqlDataSource>();

    public async Task InitializeAsync()
    {
        var servers = await TestServers.GetAsync();
        factory = new ServiceFactory<projection::Program>("projection",
            await servers.CreateServiceDatabaseAsync("projection"), await servers.CreateVirtualHostAsync("projection"));
        // A derived factory runs on the in-memory test server.
        service = factory.WithWebHostBuilder(_ => { });
        service.StartServer();
        channel = GrpcChannel.ForAddress(service.Server.BaseAddress,
            new GrpcChannelOptions { HttpHandler = service.Server.CreateHandler() });
        var bus = service.Services.GetRequiredService<IBusControl>();
        var health = await bus.WaitForHealthStatus(BusHealthStatus.Healthy, Eventually.DefaultTimeout);
        health.ShouldBe(BusHealthStatus.Healthy, "the projection's receive endpoints never became ready");
        bus.ConnectConsumeObserver(Consumed);
        Bus = bus;
    }

    /// <summary>Publishes <paramref name="message"/> and waits until the projection has handled it.</summary>
    public async Task PublishAndWaitAsync<T>(T message) where T : class
    {
        var id = NewId.NextGuid();
        await Bus.Publish(message, context => context.MessageId = id);
        await Consumed.WaitUntilConsumedAsync(id);
    }

    /// <summary>Call options carrying an internal token, as the gateway forwards a key.</summary>
    public static CallOptions As(Guid orgId, string role, Guid? clientScope = null) =>
        new(new Metadata { { "authorization", TestTokens.For(orgId, role, clientScope).ToString() } });

    public async Task DisposeAsync()
    {
        channel?.Dispose();
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }
    }
}

extern alias ingestion;

using System.Net.Http.Headers;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Contracts.Events;
using BillingOne.Ingestion.Data;
using BillingOne.Testing;
using Dapper;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BillingOne.Ingestion.Tests.Api;

/// <summary>
/// The ingestion service on a fresh database and virtual host, shared by one test class, on one loopback endpoint
/// speaking <see cref="Protocols"/>. Its bus is connected before tests run, so events published to the virtual host
/// reach its consumers.
/// </summary>
public class IngestionApiFixture : IAsyncLifetime
{
    private ServiceFactory<ingestion::Program>? serviceFactory;
    private WebApplicationFactory<ingestion::Program>? factory;
    private PublishedBatches? published;

    public string DatabaseConnectionString { get; private set; } = "";

    public IServiceProvider Services => factory!.Services;

    /// <summary>The service's address.</summary>
    protected Uri Address { get; private set; } = null!;

    /// <summary>The service's RabbitMQ virtual host.</summary>
    public Uri VirtualHost { get; private set; } = null!;

    /// <summary>
    /// What the endpoint speaks: HTTP/1.1 as REST clients and the gateway do. The test factory binds a single
    /// endpoint (its port setting wins over Kestrel's named endpoints), so gRPC tests use a host of their own.
    /// </summary>
    protected virtual HttpProtocols Protocols => HttpProtocols.Http1AndHttp2;

    public async Task InitializeAsync()
    {
        var servers = await TestServers.GetAsync();
        var database = await servers.CreateServiceDatabaseAsync("ingestion");
        DatabaseConnectionString = database.OwnerConnectionString;
        VirtualHost = await servers.CreateVirtualHostAsync("ingestion");
        serviceFactory = new ServiceFactory<ingestion::Program>("ingestion", database, VirtualHost);
        factory = serviceFactory.WithWebHostBuilder(builder =>
        {
            builder.ConfigureKestrel(kestrel =>
                kestrel.ConfigureEndpointDefaults(endpoint => endpoint.Protocols = Protocols));
            ConfigureService(builder);
        });
        factory.UseKestrel(0);
        factory.StartServer();
        // The derived factory is a copy of ServiceFactory, whose client set-up only works on the original: clients
        // here talk to the Kestrel address directly, each with the credentials its test chooses.
        Address = factory.KestrelAddress();

        var bus = factory.Services.GetRequiredService<IBusControl>();
        (await bus.WaitForHealthStatus(BusHealthStatus.Healthy, Eventually.DefaultTimeout))
            .ShouldBe(BusHealthStatus.Healthy, "the ingestion service's receive endpoints never became ready");
        published = await PublishedBatches.ListenAsync(VirtualHost);
    }

    /// <summary>Settings or services a derived fixture changes before the service starts.</summary>
    protected virtual void ConfigureService(IWebHostBuilder builder)
    {
    }

    /// <summary>A client acting with <paramref name="role"/> in <paramref name="orgId"/>.</summary>
    public HttpClient ClientFor(Guid orgId, string role = Roles.Admin, Guid? actorId = null, Guid? clientScope = null) =>
        ClientWith(TestTokens.For(orgId, role, clientScope, actorId: actorId));

    /// <summary>A client with the given <c>Authorization</c> header (none when null).</summary>
    public HttpClient ClientWith(AuthenticationHeaderValue? authorization)
    {
        var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Authorization = authorization;
        return client;
    }

    /// <summary>Makes <paramref name="keys"/> unit types of <paramref name="orgId"/>, as metering's events would.</summary>
    public async Task KnowUnitTypesAsync(Guid orgId, params string[] keys)
    {
        foreach (var key in keys)
        {
            await ApplyAsync(new UnitTypeChanged(orgId, Guid.NewGuid(), key, Deleted: false, DateTimeOffset.UtcNow));
        }
    }

    /// <summary>Applies <paramref name="change"/> the way the consumer does, without the bus.</summary>
    public Task<bool> ApplyAsync(UnitTypeChanged change) =>
        InTransactionAsync(transaction =>
            Services.GetRequiredService<UnitTypeKeyStore>().ApplyAsync(transaction, change, default));

    /// <summary>Records an asset's discovery the way the consumer does, without the bus.</summary>
    public Task<bool> ApplyAsync(AssetDiscovered discovery) =>
        InTransactionAsync(transaction =>
            Services.GetRequiredService<AssetClientStore>().ApplyAsync(transaction, discovery, default));

    /// <summary>Records a change of an asset's client the way the consumer does, without the bus.</summary>
    public Task<bool> ApplyAsync(AssetClientChanged change) =>
        InTransactionAsync(transaction =>
            Services.GetRequiredService<AssetClientStore>().ApplyAsync(transaction, change, default));

    private async Task<bool> InTransactionAsync(Func<NpgsqlTransaction, Task<bool>> apply)
    {
        await using var connection = await OpenDatabaseAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var applied = await apply(transaction);
        await transaction.CommitAsync();
        return applied;
    }

    /// <summary>The organization's <see cref="UsageReadingsAccepted"/> batches published so far, oldest first.</summary>
    public Task<List<UsageReadingsAccepted>> AcceptedEventsAsync(Guid orgId) => published!.OfAsync(orgId);

    public async Task<NpgsqlConnection> OpenDatabaseAsync()
    {
        var connection = new NpgsqlConnection(DatabaseConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public virtual async Task DisposeAsync()
    {
        if (published is not null)
        {
            await published.DisposeAsync();
        }
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }
        if (serviceFactory is not null)
        {
            await serviceFactory.DisposeAsync();
        }
    }
}

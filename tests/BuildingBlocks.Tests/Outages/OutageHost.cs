using BillingOne.BuildingBlocks.Hosting;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Testing;
using Dapper;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace BillingOne.BuildingBlocks.Tests.Outages;

/// <summary>
/// A service wired exactly like ours (<see cref="ServiceHostingExtensions"/>, the shared defaults) that reaches its
/// own database and virtual host through <see cref="TcpProxy"/> links, so a test can take PostgreSQL or RabbitMQ away
/// from it without touching the shared servers. Its probe endpoints read and write the database; its bus consumes
/// <see cref="ProbeHappened"/>.
/// </summary>
public sealed class OutageHost : IAsyncLifetime
{
    private WebApplication? app;

    public IServiceProvider Services => app!.Services;

    public ProbeLog Log => Services.GetRequiredService<ProbeLog>();

    public TcpProxy DatabaseLink { get; private set; } = null!;

    public TcpProxy BrokerLink { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var servers = await TestServers.GetAsync();
        var database = new NpgsqlConnectionStringBuilder(await servers.CreateDatabaseAsync("outage"));
        DatabaseLink = new TcpProxy(database.Port);
        database.Host = "127.0.0.1";
        database.Port = DatabaseLink.Port;
        var virtualHost = await servers.CreateVirtualHostAsync("outage");
        BrokerLink = new TcpProxy(virtualHost.Port);

        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:outagedb"] = database.ConnectionString,
            ["ConnectionStrings:rabbitmq"] = new UriBuilder(virtualHost) { Port = BrokerLink.Port }.Uri.ToString(),
            ["OTEL_SERVICE_NAME"] = "outage",
            [InternalTokens.SigningKeySetting] = TestTokens.SigningKeyBase64,
        });
        builder.AddServiceDefaults();
        builder.Services.AddSingleton<ProbeLog>();
        builder.AddBillingOneService("outage", typeof(OutageHost).Assembly,
            bus => bus.AddConsumer<ProbeHappenedConsumer>());

        app = builder.Build();
        app.UseBillingOneService();
        var probe = app.MapGroup("/api/probe").RequireAuthorization(Policies.Admin);
        probe.MapGet("/counters", async (NpgsqlDataSource dataSource) =>
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            return TypedResults.Ok(await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM probe_counters"));
        });
        probe.MapPost("/counters", async (NpgsqlDataSource dataSource) =>
        {
            await using var connection = await dataSource.OpenConnectionAsync();
            await connection.ExecuteAsync(
                "INSERT INTO probe_counters (name, value) VALUES (@name, 1)", new { name = Guid.NewGuid().ToString() });
            return TypedResults.Created();
        });
        await app.StartAsync();
        var bus = await app.Services.GetRequiredService<IBusControl>()
            .WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        if (bus != BusHealthStatus.Healthy)
        {
            throw new InvalidOperationException($"The outage host's bus did not become healthy: {bus}.");
        }
    }

    public HttpClient CreateClient()
    {
        var client = app!.GetTestClient();
        client.DefaultRequestHeaders.Authorization = TestTokens.For(Guid.NewGuid(), Roles.Admin);
        return client;
    }

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
        await DatabaseLink.DisposeAsync();
        await BrokerLink.DisposeAsync();
    }
}

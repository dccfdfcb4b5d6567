extern alias ingestion;

using BillingOne.BuildingBlocks.Security;
using BillingOne.Testing;
using Npgsql;

namespace BillingOne.Ingestion.Tests.Api;

/// <summary>The ingestion service on a fresh database and virtual host, shared by one test class.</summary>
public sealed class IngestionApiFixture : IAsyncLifetime
{
    private ServiceFactory<ingestion::Program>? factory;

    public string DatabaseConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var servers = await TestServers.GetAsync();
        DatabaseConnectionString = await servers.CreateDatabaseAsync("ingestion");
        var rabbitMq = await servers.CreateVirtualHostAsync("ingestion");
        factory = new ServiceFactory<ingestion::Program>("ingestion", DatabaseConnectionString, rabbitMq);
        factory.StartServer();
    }

    /// <summary>A client acting as a user of <paramref name="orgId"/> with <paramref name="role"/>.</summary>
    public HttpClient ClientFor(Guid orgId, string role = Roles.Admin, Guid? actorId = null)
    {
        var client = factory!.CreateClient();
        client.DefaultRequestHeaders.Authorization = TestTokens.For(orgId, role, actorId: actorId);
        return client;
    }

    public async Task<NpgsqlConnection> OpenDatabaseAsync()
    {
        var connection = new NpgsqlConnection(DatabaseConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async Task DisposeAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }
    }
}

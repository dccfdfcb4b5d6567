extern alias identity;

using System.Net.Http.Headers;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Contracts.Events;
using BillingOne.Testing;
using Dapper;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace BillingOne.Identity.Tests;

/// <summary>
/// One identity service for every directory test, with the demo seed switched on. Tests stay independent by
/// working in organizations of their own (<see cref="CreateOrganizationAsync"/>); only the seed tests look at the
/// demo organization.
/// </summary>
public sealed class DirectoryFixture : IAsyncLifetime
{
    public const string SeedOwnerPassword = "Seeded-owner-password-1";
    public const string SeedAdminApiKey = "bo_seedtest_AbCdEfGhIjKlMnOpQrStUvWxYz012345";

    private ServiceFactory<identity::Program>? serviceFactory;
    private WebApplicationFactory<identity::Program>? factory;
    private Uri? serviceAddress;

    public string DatabaseConnectionString { get; private set; } = "";

    public IServiceProvider Services => factory!.Services;

    public async Task InitializeAsync()
    {
        var servers = await TestServers.GetAsync();
        var database = await servers.CreateServiceDatabaseAsync("directory");
        DatabaseConnectionString = database.OwnerConnectionString;
        var rabbitMq = await servers.CreateVirtualHostAsync("directory");
        serviceFactory = new ServiceFactory<identity::Program>("identity", database, rabbitMq);
        factory = serviceFactory.WithWebHostBuilder(builder => builder
            .UseSetting("Seed:Enabled", "true")
            .UseSetting("Seed:OwnerPassword", SeedOwnerPassword)
            .UseSetting("Seed:AdminApiKey", SeedAdminApiKey)
            // Tests flush last-used times themselves, so a timer tick cannot race their assertions.
            .UseSetting("ApiKeys:UsageFlushInterval", "01:00:00"));
        factory.UseKestrel(0);
        factory.StartServer();
        (await factory.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy,
            Eventually.DefaultTimeout)).ShouldBe(BusHealthStatus.Healthy, "identity's receive endpoints never became ready");
        // The seeded factory is a copy of ServiceFactory, whose client set-up only works on the original: clients
        // here talk to the Kestrel address directly, each with the credentials its test chooses.
        serviceAddress = factory.KestrelAddress();
    }

    /// <summary>A client acting with <paramref name="role"/> in <paramref name="orgId"/>.</summary>
    public HttpClient ClientFor(Guid orgId, string role, Guid? actorId = null, string actorType = ActorTypes.User) =>
        WithAuthorization(TestTokens.For(orgId, role, actorType: actorType, actorId: actorId));

    /// <summary>
    /// A client acting as the user of a signed-in session, as the gateway forwards it: the token names the session
    /// and carries the session's client scope.
    /// </summary>
    public HttpClient ClientForSession(Guid orgId, string role, Guid userId, Guid sessionId, Guid? clientScope = null) =>
        WithAuthorization(TestTokens.For(orgId, role, clientScope, ActorTypes.User, userId, sessionId));

    /// <summary>A client acting as an API key of <paramref name="orgId"/> scoped to <paramref name="clientScope"/>.</summary>
    public HttpClient ClientForApiKey(Guid orgId, string role, Guid clientScope) =>
        WithAuthorization(TestTokens.For(orgId, role, clientScope, ActorTypes.ApiKey));

    /// <summary>A client calling as the gateway does, for the <c>/internal</c> endpoints.</summary>
    public HttpClient Gateway() => WithAuthorization(TestTokens.For(Guid.Empty, Roles.Service, actorType: ActorTypes.Service));

    public HttpClient Anonymous() => WithAuthorization(null);

    /// <summary>
    /// Inserts an organization with the table's default settings. Organizations have no public create endpoint
    /// (they come from the seed or, later, sign-up), so tests make theirs in the database.
    /// </summary>
    /// <param name="announced">
    /// Whether its settings count as announced already, so that only the changes a test makes are in the outbox;
    /// otherwise OrganizationAnnouncer announces them.
    /// </param>
    public async Task<Guid> CreateOrganizationAsync(string name = "Test MSP", bool announced = true,
        int billingGraceDays = 5)
    {
        var id = Guid.NewGuid();
        await using var connection = new NpgsqlConnection(DatabaseConnectionString);
        await connection.ExecuteAsync("""
            INSERT INTO organizations (id, name, billing_grace_days, announced_version)
            VALUES (@id, @name, @billingGraceDays, @announcedVersion)
            """, new { id, name, billingGraceDays, announcedVersion = announced ? 1 : 0 });
        return id;
    }

    public NpgsqlConnection OpenDatabase() => new(DatabaseConnectionString);

    /// <summary>
    /// A new client of <paramref name="orgId"/>, announced as the subscription service does (ClientUpserted on the
    /// bus); identity knows it once this returns.
    /// </summary>
    public async Task<Guid> KnownClientAsync(Guid orgId, string name, bool enabled = true)
    {
        var clientId = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        await Services.GetRequiredService<IBus>().Publish(new ClientUpserted(orgId, clientId, name, enabled, "UTC", 1, now, now));
        await Eventually.AssertAsync(async () =>
        {
            await using var connection = OpenDatabase();
            (await connection.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM clients WHERE org_id = @orgId AND id = @clientId", new { orgId, clientId }))
                .ShouldBe(1, $"identity never took client {clientId} from the bus");
        });
        return clientId;
    }

    public async Task DisposeAsync()
    {
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }
        if (serviceFactory is not null)
        {
            await serviceFactory.DisposeAsync();
        }
    }

    private HttpClient WithAuthorization(AuthenticationHeaderValue? authorization)
    {
        var client = new HttpClient { BaseAddress = serviceAddress };
        client.DefaultRequestHeaders.Authorization = authorization;
        return client;
    }
}

[CollectionDefinition(Name)]
public sealed class DirectoryCollection : ICollectionFixture<DirectoryFixture>
{
    public const string Name = "Directory service";
}

extern alias metering;

using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Testing;
using Dapper;
using Grpc.Net.Client;
using MassTransit;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BillingOne.Metering.Tests.Api;

public sealed record AuditRow(long Id, Guid OrgId, string Action, string TableName, string RecordId,
    string? OldValues, string? NewValues);

/// <summary>
/// The metering service on a fresh database and virtual host, shared by one test class; its consumers are ready
/// before a test publishes.
/// </summary>
public class MeteringApiFixture : IAsyncLifetime
{
    private readonly Action<IServiceCollection>? configureServices;
    private ServiceFactory<metering::Program>? factory;
    private WebApplicationFactory<metering::Program>? service;

    public MeteringApiFixture()
    {
    }

    /// <param name="configureServices">Replaces services of the metering service, e.g. its clock.</param>
    protected MeteringApiFixture(Action<IServiceCollection> configureServices) =>
        this.configureServices = configureServices;

    public string DatabaseConnectionString { get; private set; } = "";

    /// <summary>Acts as the demo organization's admin.</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>The service's own bus: what it publishes to its virtual host, its consumers receive.</summary>
    public IBus Bus { get; private set; } = null!;

    public ConsumeLog Consumed { get; } = new();

    /// <summary>The running service's services (its hosted services among them).</summary>
    public IServiceProvider Services => service!.Services;

    public async Task InitializeAsync()
    {
        var servers = await TestServers.GetAsync();
        var database = await servers.CreateServiceDatabaseAsync("metering");
        DatabaseConnectionString = database.OwnerConnectionString;
        var rabbitMq = await servers.CreateVirtualHostAsync("metering");
        factory = new ServiceFactory<metering::Program>("metering", database, rabbitMq);
        // The billing scheduler would finalize other tests' drafts behind their backs: tests call its TickAsync.
        factory.Settings["Metering:Billing:SchedulerEnabled"] = "false";
        // Likewise the observation publisher and its schedule: tests call ObservationPublisher.PublishDueAsync.
        factory.Settings["Metering:Observations:Enabled"] = "false";
        // And the usage anomaly scanner: tests call UsageAnomalyScanner.ScanDueAsync.
        factory.Settings["Metering:Anomalies:Enabled"] = "false";
        // And the raw-reading archiver: tests call RawReadingArchiver.ArchiveDueAsync.
        factory.Settings["Metering:Retention:Enabled"] = "false";
        // And the asset-sighting folder: PublishAndWaitAsync folds, so that a test reads its assets as they settle.
        factory.Settings["Metering:Sightings:Enabled"] = "false";
        service = configureServices is null
            ? factory
            : factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(configureServices));
        service.StartServer();
        Client = NewClient();
        var bus = service.Services.GetRequiredService<IBusControl>();
        var health = await bus.WaitForHealthStatus(BusHealthStatus.Healthy, Eventually.DefaultTimeout);
        health.ShouldBe(BusHealthStatus.Healthy, "metering's receive endpoints never became ready");
        bus.ConnectConsumeObserver(Consumed);
        Bus = bus;
    }

    /// <summary>Publishes <paramref name="message"/> under <paramref name="messageId"/> (new when absent).</summary>
    public async Task<Guid> PublishAsync<T>(T message, Guid? messageId = null) where T : class
    {
        var id = messageId ?? NewId.NextGuid();
        await Bus.Publish(message, context => context.MessageId = id);
        return id;
    }

    /// <summary>
    /// Publishes and waits until metering has handled the message and folded what it saw of its assets (as the
    /// folder does moments later in a running service).
    /// </summary>
    public async Task<Guid> PublishAndWaitAsync<T>(T message) where T : class
    {
        var id = await PublishAsync(message);
        await Consumed.WaitUntilHandledAsync(id);
        await FoldSightingsAsync();
        return id;
    }

    /// <summary>Folds the asset sightings recorded so far; returns how many assets changed.</summary>
    public Task<int> FoldSightingsAsync() =>
        Services.GetRequiredService<metering::BillingOne.Metering.Sightings.AssetSightingFolder>()
            .FoldAsync(CancellationToken.None);

    /// <summary>A new client of the demo organization, known to metering once this returns.</summary>
    public async Task<Guid> KnownClientAsync(string name)
    {
        var clientId = Guid.NewGuid();
        await PublishAndWaitAsync(MeteringMessages.Client(clientId, name));
        return clientId;
    }

    public async Task<Guid> AssetIdAsync(string source, string externalId)
    {
        await using var connection = await OpenDatabaseAsync();
        return await connection.QuerySingleAsync<Guid>(
            "SELECT id FROM assets WHERE source = @source AND external_id = @externalId", new { source, externalId });
    }

    /// <summary>
    /// A gRPC channel to the service. Only fixtures that replace services have one: they run on the in-memory test
    /// server, whose handler speaks the HTTP/2 gRPC needs.
    /// </summary>
    public GrpcChannel CreateGrpcChannel() => configureServices is null
        ? throw new InvalidOperationException("Only a fixture that replaces services runs on the in-memory server.")
        : GrpcChannel.ForAddress(service!.Server.BaseAddress,
            new GrpcChannelOptions { HttpHandler = service.Server.CreateHandler() });

    public async Task<NpgsqlConnection> OpenDatabaseAsync()
    {
        var connection = new NpgsqlConnection(DatabaseConnectionString);
        await connection.OpenAsync();
        return connection;
    }


    /// <summary>A client acting with another token (another organization, another role).</summary>
    public HttpClient CreateClient(System.Net.Http.Headers.AuthenticationHeaderValue authorization)
    {
        var client = NewClient();
        client.DefaultRequestHeaders.Authorization = authorization;
        return client;
    }

    /// <summary>
    /// A factory derived with replaced services runs on the in-memory test server, and its clients cannot be set up by
    /// <see cref="ServiceFactory{TEntryPoint}"/> (the parent it was derived from), so they are set up here alike.
    /// </summary>
    private HttpClient NewClient()
    {
        if (configureServices is null)
        {
            return factory!.CreateClient();
        }
        var client = service!.Server.CreateClient();
        client.DefaultRequestHeaders.Authorization =
            TestTokens.For(OrganizationContextExtensions.DemoOrganizationId, Roles.Admin);
        return client;
    }

    /// <summary>The audit entries of one record, oldest first.</summary>
    public async Task<List<AuditRow>> AuditEntriesAsync(string table, Guid recordId)
    {
        await using var connection = new NpgsqlConnection(DatabaseConnectionString);
        var rows = await connection.QueryAsync<AuditRow>("""
            SELECT id AS Id, org_id AS OrgId, action AS Action, table_name AS TableName, record_id AS RecordId,
                   old_values::text AS OldValues, new_values::text AS NewValues
            FROM audit_log WHERE table_name = @table AND record_id = @recordId ORDER BY id
            """, new { table, recordId = recordId.ToString() });
        return rows.ToList();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        // Disposing the factory disposes the service derived from it as well.
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }
    }
}

extern alias ingestion;
extern alias identity;
extern alias subscription;
extern alias invoice;
extern alias reconciliation;
extern alias metering;
extern alias projection;

using System.Collections.Concurrent;
using BillingOne.Testing;

namespace BillingOne.Security.Tests;

/// <summary>Any BillingOne service in the test process, on its own database and virtual host.</summary>
public sealed class ServiceHost(string name, string database, IAsyncDisposable factory, Func<HttpClient> createClient,
    Func<IServiceProvider> services) : IAsyncDisposable
{
    public static readonly string[] Names = ["ingestion", "identity", "subscription", "invoice", "reconciliation", "metering", "projection"];

    public static TheoryData<string> All => [.. Names];

    public string Name { get; } = name;

    /// <summary>Connection string of the service's database, to look at what it stored.</summary>
    public string Database { get; } = database;

    public IServiceProvider Services => services();

    /// <summary>A client acting as the demo organization's admin; set another Authorization header to act otherwise.</summary>
    public HttpClient CreateClient() => createClient();

    public static async Task<ServiceHost> StartAsync(string service, Uri? virtualHost = null)
    {
        var servers = await TestServers.GetAsync();
        var database = await servers.CreateServiceDatabaseAsync($"security{service}");
        virtualHost ??= await servers.CreateVirtualHostAsync($"security{service}");
        var host = service switch
        {
            "ingestion" => Of(new ServiceFactory<ingestion::Program>(service, database, virtualHost)),
            "identity" => Of(new ServiceFactory<identity::Program>(service, database, virtualHost)),
            "subscription" => Of(new ServiceFactory<subscription::Program>(service, database, virtualHost)),
            "invoice" => Of(new ServiceFactory<invoice::Program>(service, database, virtualHost)),
            "reconciliation" => Of(new ServiceFactory<reconciliation::Program>(service, database, virtualHost)),
            "metering" => Of(new ServiceFactory<metering::Program>(service, database, virtualHost)),
            "projection" => Of(new ServiceFactory<projection::Program>(service, database, virtualHost)),
            _ => throw new ArgumentOutOfRangeException(nameof(service), service, "Not a BillingOne service."),
        };
        // Creating the first client starts the host (migrations, bus).
        host.CreateClient().Dispose();
        return host;

        ServiceHost Of<T>(ServiceFactory<T> factory) where T : class =>
            new(service, database.OwnerConnectionString, factory, factory.CreateClient, () => factory.Services);
    }

    public ValueTask DisposeAsync() => factory.DisposeAsync();
}

/// <summary>
/// Each service started once, when a test first asks for it, for the tests that only read its documents and
/// endpoints or send requests it refuses: they leave nothing another test could see, and a start (database,
/// migrations, bus) costs seconds.
/// </summary>
public sealed class StartedServices : IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Lazy<Task<ServiceHost>>> hosts = new();

    public Task<ServiceHost> GetAsync(string service) =>
        hosts.GetOrAdd(service, name => new Lazy<Task<ServiceHost>>(() => ServiceHost.StartAsync(name))).Value;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        // A host that failed to start has failed its tests already and has nothing to stop.
        foreach (var started in hosts.Values.Select(host => host.Value).Where(host => host.IsCompletedSuccessfully))
        {
            await (await started).DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class StartedServicesCollection : ICollectionFixture<StartedServices>
{
    public const string Name = "Started services";
}

using BillingOne.BuildingBlocks.Data;
using BillingOne.BuildingBlocks.Integrations;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using BillingOne.Testing.Servers;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOne.Testing;

/// <summary>
/// Runs one BillingOne service in the test process against its own database and RabbitMQ virtual host, on
/// Kestrel rather than the in-memory test server, so server limits (request body size) apply as deployed.
/// <typeparamref name="TEntryPoint"/> is any public type of the service's assembly.
/// </summary>
public sealed class ServiceFactory<TEntryPoint> : WebApplicationFactory<TEntryPoint>
    where TEntryPoint : class
{
    private readonly string serviceName;
    private readonly string databaseConnectionString;
    private readonly string? migrationsConnectionString;
    private readonly Uri rabbitMqUri;

    /// <summary>The service on one connection that both migrates and runs (a superuser's, say).</summary>
    public ServiceFactory(string serviceName, string databaseConnectionString, Uri rabbitMqUri)
    {
        this.serviceName = serviceName;
        this.databaseConnectionString = databaseConnectionString;
        this.rabbitMqUri = rabbitMqUri;
        UseKestrel(0);
    }

    /// <summary>The service as deployed: running as its runtime role, migrating as the database's owner.</summary>
    public ServiceFactory(string serviceName, ServiceDatabase database, Uri rabbitMqUri)
        : this(serviceName, database.ConnectionString, rabbitMqUri)
    {
        migrationsConnectionString = database.OwnerConnectionString;
    }

    /// <summary>Further settings of the service (configuration keys and values), set before it starts.</summary>
    public IDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        // The same variables an Aspire AppHost (and ours) gives the service.
        builder.UseSetting($"ConnectionStrings:{serviceName}db", databaseConnectionString);
        if (migrationsConnectionString is not null)
        {
            builder.UseSetting($"ConnectionStrings:{serviceName}db{DatabaseExtensions.MigrationsSuffix}", migrationsConnectionString);
        }
        builder.UseSetting("ConnectionStrings:rabbitmq", rabbitMqUri.ToString());
        builder.UseSetting("OTEL_SERVICE_NAME", serviceName);
        builder.UseSetting(InternalTokens.SigningKeySetting, TestTokens.SigningKeyBase64);
        builder.UseSetting(KeyEncryptionKeys.CurrentSetting, TestTokens.KeyEncryptionKeyBase64);
    }

    /// <summary>Clients act as the demo organization's admin unless a test sets another Authorization header.</summary>
    protected override void ConfigureClient(HttpClient client)
    {
        base.ConfigureClient(client);
        client.DefaultRequestHeaders.Authorization = TestTokens.For(OrganizationContextExtensions.DemoOrganizationId,
            Roles.Admin);
    }
}

public static class WebApplicationFactoryExtensions
{
    /// <summary>
    /// Where a started factory's Kestrel listens. A factory derived with <c>WithWebHostBuilder</c> cannot set up
    /// clients through its parent, so tests talk to this address with clients of their own.
    /// </summary>
    public static Uri KestrelAddress<TEntryPoint>(this WebApplicationFactory<TEntryPoint> factory)
        where TEntryPoint : class =>
        new(factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.First());
}

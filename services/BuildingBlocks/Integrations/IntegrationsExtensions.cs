using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace BillingOne.BuildingBlocks.Integrations;

public static class IntegrationsExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TIntegration"/> under <paramref name="name"/> (scoped: it may write audited
    /// changes), and once per service the settings store with Data Protection keyed in the service's database, the
    /// sync run store and the worker that runs and schedules syncs.
    /// </summary>
    public static IServiceCollection AddIntegration<TIntegration>(this IServiceCollection services, string name)
        where TIntegration : class, IIntegration
    {
        services.AddKeyedScoped<IIntegration, TIntegration>(name);
        services.AddSingleton(new IntegrationRegistration(name));
        if (services.Any(service => service.ServiceType == typeof(IntegrationCatalog)))
        {
            return services;
        }
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IVendorHostResolver>(DnsVendorHostResolver.Instance);
        services.AddSingleton<IntegrationCatalog>();
        services.AddSingleton<IntegrationSettingsStore>();
        services.AddSingleton<SyncRunStore>();
        services.AddHostedService<SyncWorker>();
        services.AddDatabaseDataProtection(typeof(TIntegration).Assembly.GetName().Name!);
        return services;
    }

    /// <summary>
    /// ASP.NET Core Data Protection for secrets the service stores (integration settings, webhook signing keys), with
    /// its key ring in the service's own database (<c>data_protection_keys</c>), so every replica and restart decrypts
    /// what another encrypted. Registering it twice is harmless.
    /// </summary>
    /// <param name="assemblyName">The service's assembly name: it isolates the service's payloads from other services'.</param>
    public static IServiceCollection AddDatabaseDataProtection(this IServiceCollection services, string assemblyName)
    {
        services.AddDataProtection().SetApplicationName($"billingone-{assemblyName}");
        services.AddOptions<KeyManagementOptions>().Configure<NpgsqlDataSource>((options, dataSource) =>
            options.XmlRepository = new PostgresXmlRepository(dataSource));
        return services;
    }
}

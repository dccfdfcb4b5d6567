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
        services.AddSingleton<IntegrationCatalog>();
        services.AddSingleton<IntegrationSettingsStore>();
        services.AddSingleton<SyncRunStore>();
        services.AddHostedService<SyncWorker>();
        services.AddDataProtection().SetApplicationName($"billingone-{typeof(TIntegration).Assembly.GetName().Name}");
        services.AddOptions<KeyManagementOptions>().Configure<NpgsqlDataSource>((options, dataSource) =>
            options.XmlRepository = new PostgresXmlRepository(dataSource));
        return services;
    }
}

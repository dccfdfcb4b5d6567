using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
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
    /// what another encrypted, and each key of the ring wrapped with the key-encryption key of
    /// <see cref="KeyEncryptionKeys.CurrentSetting"/>, which must be set outside Development (the service does not start
    /// without it). Registering it twice is harmless.
    /// </summary>
    /// <param name="assemblyName">The service's assembly name: it isolates the service's payloads from other services'.</param>
    public static IServiceCollection AddDatabaseDataProtection(this IServiceCollection services, string assemblyName)
    {
        services.AddDataProtection().SetApplicationName($"billingone-{assemblyName}");
        services.AddOptions<KeyManagementOptions>()
            .Configure<NpgsqlDataSource, IConfiguration, IHostEnvironment, ILoggerFactory>(
                (options, dataSource, configuration, environment, loggers) =>
                {
                    var keys = KeyEncryptionKeys.From(configuration);
                    if (keys is null && !environment.IsDevelopment())
                    {
                        throw new InvalidOperationException($"{KeyEncryptionKeys.CurrentSetting} is not set: outside " +
                            "Development the Data Protection key ring is stored only wrapped with a key-encryption key " +
                            "(docs/security.md, Key ring).");
                    }
                    options.XmlRepository = new PostgresXmlRepository(dataSource, keys,
                        loggers.CreateLogger(typeof(PostgresXmlRepository)));
                    if (keys is not null)
                    {
                        options.XmlEncryptor = new KeyRingWrapper(keys);
                    }
                })
            // A missing or malformed key-encryption key stops the service at start, not at its first secret.
            .ValidateOnStart();
        return services;
    }
}

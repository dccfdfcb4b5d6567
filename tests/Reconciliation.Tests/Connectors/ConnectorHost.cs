using BillingOne.BuildingBlocks.Integrations;
using BillingOne.Reconciliation.Connectors.Rmm;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOne.Reconciliation.Tests.Connectors;

/// <summary>
/// The RMM connector factory as the service registers it, configured for one test: tiny retry delays so that backoff
/// costs milliseconds.
/// </summary>
public sealed class ConnectorHost : IDisposable
{
    private readonly ServiceProvider provider;

    /// <param name="clock">
    /// Replaces the system clock for the token cache and, because the resilience pipelines take it from the container
    /// too, for retry delays: a fake clock suits only tests whose requests never wait.
    /// </param>
    public ConnectorHost(IDictionary<string, string?> settings, Action<IServiceCollection>? configure = null,
        TimeProvider? clock = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        if (clock is not null)
        {
            services.AddSingleton(clock);
        }
        services.AddRmmConnectors();
        configure?.Invoke(services);
        provider = services.BuildServiceProvider();
    }

    /// <summary>A connector for an organization's settings, as the sync and the connection test make one.</summary>
    public IRmmConnector Connector(IntegrationValues values) => provider.GetRequiredService<RmmConnectorFactory>().Create(values);

    /// <summary>An organization's RMM settings: the vendor's key, its API address and the credentials.</summary>
    public static IntegrationValues Values(string vendor, string baseUrl, string clientId, string clientSecret) => new(
        new Dictionary<string, string>
        {
            [RmmConnectorFactory.VendorSetting] = vendor,
            [RmmConnectorFactory.BaseUrlSetting] = baseUrl,
            [RmmConnectorFactory.ClientIdSetting] = clientId,
            [RmmConnectorFactory.ClientSecretSetting] = clientSecret,
        });

    /// <summary>Settings under <paramref name="section"/> with fast retries; <paramref name="extra"/> adds or overrides.</summary>
    public static Dictionary<string, string?> Settings(string section, params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"{section}:RetryBaseDelay"] = "00:00:00.010",
            [$"{section}:MaxRetryAttempts"] = "3",
            [$"{section}:AttemptTimeout"] = "00:00:05",
            [$"{section}:TotalRequestTimeout"] = "00:00:20",
        };
        foreach (var (key, value) in extra)
        {
            settings[$"{section}:{key}"] = value;
        }
        return settings;
    }

    public void Dispose() => provider.Dispose();
}

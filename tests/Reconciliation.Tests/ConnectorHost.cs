using BillingOne.Reconciliation.Connectors.Rmm;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOne.Reconciliation.Tests;

/// <summary>
/// The RMM connectors as the service registers them, configured for one test: tiny retry delays so that backoff
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

    public IRmmConnector Connector(RmmVendor vendor) => provider.GetRequiredKeyedService<IRmmConnector>(vendor);

    /// <summary>Settings under <paramref name="section"/> with fast retries; <paramref name="extra"/> adds or overrides.</summary>
    public static Dictionary<string, string?> Settings(string section, string baseUrl, params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"{section}:BaseUrl"] = baseUrl,
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

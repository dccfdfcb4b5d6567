using BillingOne.Reconciliation.Connectors.Datto;
using BillingOne.Reconciliation.Connectors.NinjaOne;
using BillingOne.BuildingBlocks.Http.OAuth;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace BillingOne.Reconciliation.Connectors.Rmm;

public static class RmmConnectorExtensions
{
    /// <summary>
    /// Both RMM connectors as typed HttpClients, each also as an <see cref="IRmmConnector"/> keyed by its
    /// <see cref="RmmVendor"/>. The base URL and credentials are checked when a connector is created, not at start-up
    /// (the resilience handlers read the options while the host starts), so a service with one RMM configured, or none
    /// yet, starts without the other's credentials.
    /// </summary>
    public static IServiceCollection AddRmmConnectors(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        AddConnector<NinjaOneConnector, NinjaOneOptions, NinjaOneTokenSource>(
            services, RmmVendor.NinjaOne, NinjaOneOptions.Section, NinjaOneTokenSource.HttpClientName);
        AddConnector<DattoRmmConnector, DattoRmmOptions, DattoRmmTokenSource>(
            services, RmmVendor.DattoRmm, DattoRmmOptions.Section, DattoRmmTokenSource.HttpClientName);
        return services;
    }

    private static void AddConnector<TConnector, TOptions, TTokenSource>(
        IServiceCollection services, RmmVendor vendor, string section, string tokenHttpClientName)
        where TConnector : class, IRmmConnector
        where TOptions : RmmConnectorOptions
        where TTokenSource : AccessTokenSource
    {
        services.AddOptions<TOptions>()
            .BindConfiguration(section)
            .Validate(options => options.PageSize > 0 && options.MaxRetryAttempts > 0
                    && options.AttemptTimeout > TimeSpan.Zero && options.TotalRequestTimeout >= options.AttemptTimeout,
                $"{section} needs a positive PageSize and MaxRetryAttempts and an AttemptTimeout within TotalRequestTimeout.");

        services.AddSingleton<TTokenSource>();
        services.AddTransient<BearerTokenHandler<TTokenSource>>();
        AddResilience<TOptions>(services.AddHttpClient(tokenHttpClientName));

        var api = services.AddHttpClient<TConnector>((provider, http) =>
        {
            var options = provider.GetRequiredService<IOptions<TOptions>>().Value;
            http.BaseAddress = options.BaseUrl is { IsAbsoluteUri: true } && options.HasCredentials
                ? options.BaseUrl
                : throw new InvalidOperationException(
                    $"{section} needs an absolute BaseUrl and the vendor's API credentials.");
        });
        AddResilience<TOptions>(api);
        // Added after the resilience handler, so it runs inside it: every retry carries the current token.
        api.AddHttpMessageHandler<BearerTokenHandler<TTokenSource>>();

        services.AddKeyedTransient<IRmmConnector>(vendor, (provider, _) => provider.GetRequiredService<TConnector>());
    }

    /// <summary>
    /// Replaces the service defaults' resilience handler (which would nest a second retry loop) with one tuned from
    /// the connector's options. Retries honour <c>Retry-After</c> on 429 and 503 and back off on 5xx and timeouts.
    /// </summary>
    private static void AddResilience<TOptions>(IHttpClientBuilder client) where TOptions : RmmConnectorOptions
    {
        // Experimental in 10.x but the documented way to replace a handler added by ConfigureHttpClientDefaults.
#pragma warning disable EXTEXP0001
        client.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        client.AddStandardResilienceHandler().Configure((resilience, provider) =>
        {
            var options = provider.GetRequiredService<IOptions<TOptions>>().Value;
            resilience.Retry.MaxRetryAttempts = options.MaxRetryAttempts;
            resilience.Retry.Delay = options.RetryBaseDelay;
            resilience.AttemptTimeout.Timeout = options.AttemptTimeout;
            resilience.CircuitBreaker.SamplingDuration = 2 * options.AttemptTimeout; // the minimum the handler accepts
            resilience.TotalRequestTimeout.Timeout = options.TotalRequestTimeout;
        });
    }
}

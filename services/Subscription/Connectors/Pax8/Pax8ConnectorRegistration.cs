using BillingOne.BuildingBlocks.Http.OAuth;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace BillingOne.Subscription.Connectors.Pax8;

public static class Pax8ConnectorRegistration
{
    /// <summary>
    /// Registers <see cref="Pax8Client"/> with options from <see cref="Pax8ConnectorOptions.Section"/>. The API
    /// client and the token client each get this connector's resilience pipeline in place of the service-wide
    /// standard one: a total timeout around retries (honouring <c>Retry-After</c>, else exponential backoff with
    /// jitter) around a per-attempt timeout.
    /// </summary>
    // RemoveAllResilienceHandlers is marked experimental (EXTEXP0001), but it is the only way to keep the
    // ServiceDefaults' standard handler from stacking a second set of retries and timeouts under these.
#pragma warning disable EXTEXP0001
    public static IServiceCollection AddPax8Connector(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<Pax8ConnectorOptions>()
            .BindConfiguration(Pax8ConnectorOptions.Section)
            .Validate(options => !string.IsNullOrWhiteSpace(options.ClientId) &&
                    !string.IsNullOrWhiteSpace(options.ClientSecret),
                $"{Pax8ConnectorOptions.Section}: ClientId and ClientSecret are required.")
            .Validate(options => options.PageSize is >= 1 and <= 200,
                $"{Pax8ConnectorOptions.Section}:PageSize must be between 1 and 200.")
            .Validate(options => options.MaxRetries >= 0 && options.RetryDelay >= TimeSpan.Zero &&
                    options.AttemptTimeout > TimeSpan.Zero && options.TotalTimeout >= options.AttemptTimeout,
                $"{Pax8ConnectorOptions.Section}: retries and timeouts must be positive, the total at least one attempt.");

        services.AddSingleton<Pax8TokenProvider>();
        services.AddTransient<BearerTokenHandler<Pax8TokenProvider>>();
        services.AddHttpClient(Pax8TokenProvider.HttpClientName)
            .RemoveAllResilienceHandlers()
            .AddResilienceHandler("pax8-token", AddPipeline);
        services.AddHttpClient<Pax8Client>((provider, http) =>
                http.BaseAddress = provider.GetRequiredService<IOptions<Pax8ConnectorOptions>>().Value.BaseAddress)
            .RemoveAllResilienceHandlers()
            // Added first, so it wraps the retries: a 401 gets a new token, a 429 or 5xx a retry.
            .AddHttpMessageHandler<BearerTokenHandler<Pax8TokenProvider>>()
            .AddResilienceHandler("pax8-api", AddPipeline);
        return services;
    }
#pragma warning restore EXTEXP0001

    private static void AddPipeline(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ResilienceHandlerContext context)
    {
        var options = context.ServiceProvider.GetRequiredService<IOptions<Pax8ConnectorOptions>>().Value;
        pipeline
            .AddTimeout(options.TotalTimeout)
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldRetryAfterHeader = true,
            })
            .AddTimeout(options.AttemptTimeout);
    }
}

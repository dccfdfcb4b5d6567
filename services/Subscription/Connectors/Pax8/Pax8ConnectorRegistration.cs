using BillingOne.BuildingBlocks.Http.OAuth;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace BillingOne.Subscription.Connectors.Pax8;

public static class Pax8ConnectorRegistration
{
    /// <summary>
    /// Registers <see cref="Pax8ClientFactory"/> with options from <see cref="Pax8ConnectorOptions.Section"/> (the
    /// credentials there are the deployment's defaults; an organization's own come from its settings). The API and
    /// token pipelines each get this connector's resilience in place of the service-wide standard one: a total timeout
    /// around retries (honouring <c>Retry-After</c>, else exponential backoff with jitter) around a per-attempt timeout.
    /// </summary>
    // RemoveAllResilienceHandlers is marked experimental (EXTEXP0001), but it is the only way to keep the
    // ServiceDefaults' standard handler from stacking a second set of retries and timeouts under these.
#pragma warning disable EXTEXP0001
    public static IServiceCollection AddPax8Connector(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<Pax8ConnectorOptions>()
            .BindConfiguration(Pax8ConnectorOptions.Section)
            .Validate(options => options.PageSize is >= 1 and <= 200,
                $"{Pax8ConnectorOptions.Section}:PageSize must be between 1 and 200.")
            .Validate(options => options.MaxRetries >= 0 && options.RetryDelay >= TimeSpan.Zero &&
                    options.AttemptTimeout > TimeSpan.Zero && options.TotalTimeout >= options.AttemptTimeout,
                $"{Pax8ConnectorOptions.Section}: retries and timeouts must be positive, the total at least one attempt.");

        services.TryAddSingleton<AuthorizedHttpClients>();
        services.AddSingleton<Pax8ClientFactory>();
        services.AddHttpClient(Pax8TokenProvider.HttpClientName)
            .RemoveAllResilienceHandlers()
            .AddResilienceHandler("pax8-token", AddPipeline);
        // The organization's bearer handler wraps this pipeline (Pax8ClientFactory): a 401 gets a new token, a 429 or
        // 5xx a retry.
        services.AddHttpClient(Pax8ClientFactory.ApiPipeline)
            .RemoveAllResilienceHandlers()
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

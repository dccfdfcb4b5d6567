using BillingOne.BuildingBlocks.Http.OAuth;
using BillingOne.Reconciliation.Connectors.Datto;
using BillingOne.Reconciliation.Connectors.NinjaOne;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace BillingOne.Reconciliation.Connectors.Rmm;

public static class RmmConnectorExtensions
{
    /// <summary>
    /// Registers <see cref="RmmConnectorFactory"/> with each vendor's options (its section's credentials are only the
    /// deployment's defaults; an organization's own come from its settings) and, per vendor, the API and token handler
    /// pipelines every organization's clients run over.
    /// </summary>
    public static IServiceCollection AddRmmConnectors(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AuthorizedHttpClients>();
        services.AddSingleton<RmmConnectorFactory>();
        AddVendor<NinjaOneOptions>(services, NinjaOneOptions.Section, NinjaOneConnector.ApiPipeline,
            NinjaOneTokenSource.HttpClientName);
        AddVendor<DattoRmmOptions>(services, DattoRmmOptions.Section, DattoRmmConnector.ApiPipeline,
            DattoRmmTokenSource.HttpClientName);
        return services;
    }

    private static void AddVendor<TOptions>(IServiceCollection services, string section, params string[] pipelines)
        where TOptions : RmmConnectorOptions
    {
        services.AddOptions<TOptions>()
            .BindConfiguration(section)
            .Validate(options => options.PageSize > 0 && options.MaxRetryAttempts > 0
                    && options.AttemptTimeout > TimeSpan.Zero && options.TotalRequestTimeout >= options.AttemptTimeout,
                $"{section} needs a positive PageSize and MaxRetryAttempts and an AttemptTimeout within TotalRequestTimeout.");
        foreach (var pipeline in pipelines)
        {
            // Experimental in 10.x but the documented way to keep the service defaults' standard handler from nesting
            // a second retry loop under this one.
#pragma warning disable EXTEXP0001
            services.AddHttpClient(pipeline)
                .RemoveAllResilienceHandlers()
                .AddResilienceHandler(pipeline, AddPipeline<TOptions>);
#pragma warning restore EXTEXP0001
        }
    }

    /// <summary>
    /// A total timeout around retries (honouring <c>Retry-After</c> on 429 and 503, else exponential backoff with jitter
    /// on 5xx and timeouts) around a per-attempt timeout. No circuit breaker: the pipeline is shared by every
    /// organization's clients, and one organization's failing account must not open it for the others.
    /// </summary>
    private static void AddPipeline<TOptions>(ResiliencePipelineBuilder<HttpResponseMessage> pipeline,
        ResilienceHandlerContext context) where TOptions : RmmConnectorOptions
    {
        var options = context.ServiceProvider.GetRequiredService<IOptions<TOptions>>().Value;
        pipeline
            .AddTimeout(options.TotalRequestTimeout)
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                Delay = options.RetryBaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldRetryAfterHeader = true,
            })
            .AddTimeout(options.AttemptTimeout);
    }
}

using BillingOne.BuildingBlocks.Http;
using BillingOne.BuildingBlocks.Http.OAuth;
using BillingOne.Reconciliation.Connectors.Datto;
using BillingOne.Reconciliation.Connectors.NinjaOne;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

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
            services.AddHttpClient(pipeline).AddVendorRetries(pipeline,
                provider => provider.GetRequiredService<IOptions<TOptions>>().Value.Retries);
        }
    }
}

using BillingOne.BuildingBlocks.Http;
using BillingOne.BuildingBlocks.Http.OAuth;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BillingOne.Subscription.Connectors.Pax8;

public static class Pax8ConnectorRegistration
{
    /// <summary>
    /// Registers <see cref="Pax8ClientFactory"/> with options from <see cref="Pax8ConnectorOptions.Section"/> (the
    /// credentials there are the deployment's defaults; an organization's own come from its settings). The API and
    /// token pipelines each get this connector's resilience in place of the service-wide standard one: a total timeout
    /// around retries (honouring <c>Retry-After</c>, else exponential backoff with jitter) around a per-attempt timeout.
    /// </summary>
    public static IServiceCollection AddPax8Connector(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<Pax8ConnectorOptions>()
            .BindConfiguration(Pax8ConnectorOptions.Section)
            .Validate(options => options.PageSize is >= 1 and <= 200,
                $"{Pax8ConnectorOptions.Section}:PageSize must be between 1 and 200.")
            .Validate(options => options.Retries.IsValid,
                $"{Pax8ConnectorOptions.Section}: retries and timeouts must be positive, the total at least one attempt.");

        services.TryAddSingleton<AuthorizedHttpClients>();
        services.AddSingleton<Pax8ClientFactory>();
        services.AddHttpClient(Pax8TokenProvider.HttpClientName).AddVendorRetries("pax8-token", RetriesOf);
        // The organization's bearer handler wraps this pipeline (Pax8ClientFactory): a 401 gets a new token, a 429 or
        // 5xx a retry.
        services.AddHttpClient(Pax8ClientFactory.ApiPipeline).AddVendorRetries("pax8-api", RetriesOf);
        return services;
    }

    private static VendorRetryPolicy RetriesOf(IServiceProvider provider) =>
        provider.GetRequiredService<IOptions<Pax8ConnectorOptions>>().Value.Retries;
}

using System.Net;
using BillingOne.BuildingBlocks.Http;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BillingOne.Invoice.Connectors.Xero;

public static class XeroConnectorRegistration
{
    public const string IdentityPipeline = "xero-identity";
    public const string ApiPipeline = "xero-api";

    /// <summary>
    /// Registers the Xero clients with options from <see cref="XeroConnectorOptions.Section"/>. Both pipelines get this
    /// connector's resilience in place of the service-wide standard one: a total timeout around retries (honouring
    /// <c>Retry-After</c> for Xero's minute limit, else exponential backoff with jitter) around a per-attempt timeout.
    /// A 429 for the daily limit is never retried: waiting hours inside one request helps nobody.
    /// </summary>
    public static IServiceCollection AddXeroConnector(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<XeroConnectorOptions>()
            .BindConfiguration(XeroConnectorOptions.Section)
            .Validate(options => options.PageSize is >= 1 and <= 1000,
                $"{XeroConnectorOptions.Section}:PageSize must be between 1 and 1000.")
            .Validate(options => options.MinuteLimitReserve is >= 0 and < 60 && options.DayLimitReserve is >= 0 and < 5000,
                $"{XeroConnectorOptions.Section}: the limit reserves must be below Xero's limits (60 a minute, 5000 a day).")
            .Validate(options => options.Retries.IsValid,
                $"{XeroConnectorOptions.Section}: retries and timeouts must be positive, the total at least one attempt.");
        foreach (var pipeline in new[] { IdentityPipeline, ApiPipeline })
        {
            services.AddHttpClient(pipeline).AddVendorRetries(pipeline,
                provider => provider.GetRequiredService<IOptions<XeroConnectorOptions>>().Value.Retries, IsDailyLimit);
        }
        services.AddSingleton<XeroIdentityClient>();
        services.AddSingleton<XeroRateGate>();
        services.AddSingleton<XeroApiClientFactory>();
        return services;
    }

    /// <summary>Xero's refusal for the day's calls: <c>X-Rate-Limit-Problem: day</c>.</summary>
    public static bool IsDailyLimit(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.TooManyRequests
        && response.Headers.TryGetValues("X-Rate-Limit-Problem", out var problems)
        && problems.Any(problem => problem.Equals("day", StringComparison.OrdinalIgnoreCase));
}

using System.Net;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

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
    // RemoveAllResilienceHandlers is experimental (EXTEXP0001), but it is the only way to keep the ServiceDefaults'
    // standard handler from stacking a second set of retries and timeouts under these.
#pragma warning disable EXTEXP0001
    public static IServiceCollection AddXeroConnector(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<XeroConnectorOptions>()
            .BindConfiguration(XeroConnectorOptions.Section)
            .Validate(options => options.PageSize is >= 1 and <= 1000,
                $"{XeroConnectorOptions.Section}:PageSize must be between 1 and 1000.")
            .Validate(options => options.MaxRetries >= 0 && options.RetryDelay >= TimeSpan.Zero &&
                    options.AttemptTimeout > TimeSpan.Zero && options.TotalTimeout >= options.AttemptTimeout,
                $"{XeroConnectorOptions.Section}: retries and timeouts must be positive, the total at least one attempt.");
        services.AddHttpClient(IdentityPipeline)
            .RemoveAllResilienceHandlers()
            .AddResilienceHandler(IdentityPipeline, AddPipeline);
        services.AddHttpClient(ApiPipeline)
            .RemoveAllResilienceHandlers()
            .AddResilienceHandler(ApiPipeline, AddPipeline);
        services.AddSingleton<XeroIdentityClient>();
        services.AddSingleton<XeroApiClientFactory>();
        return services;
    }
#pragma warning restore EXTEXP0001

    /// <summary>Xero's refusal for the day's calls: <c>X-Rate-Limit-Problem: day</c>.</summary>
    public static bool IsDailyLimit(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.TooManyRequests
        && response.Headers.TryGetValues("X-Rate-Limit-Problem", out var problems)
        && problems.Any(problem => problem.Equals("day", StringComparison.OrdinalIgnoreCase));

    private static void AddPipeline(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, ResilienceHandlerContext context)
    {
        var options = context.ServiceProvider.GetRequiredService<IOptions<XeroConnectorOptions>>().Value;
        pipeline
            .AddTimeout(options.TotalTimeout)
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldRetryAfterHeader = true,
                ShouldHandle = arguments => ValueTask.FromResult(
                    !(arguments.Outcome.Result is { } response && IsDailyLimit(response))
                    && HttpClientResiliencePredicates.IsTransient(arguments.Outcome)),
            })
            .AddTimeout(options.AttemptTimeout);
    }
}

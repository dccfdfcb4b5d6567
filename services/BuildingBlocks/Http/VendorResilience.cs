using BillingOne.BuildingBlocks.Integrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace BillingOne.BuildingBlocks.Http;

/// <summary>How hard a connector tries one vendor request.</summary>
/// <param name="MaxRetries">Retries of a request answered 429, 408 or 5xx, or that failed or timed out.</param>
/// <param name="RetryDelay">First backoff delay (doubling, with jitter) when the answer has no <c>Retry-After</c>.</param>
/// <param name="TotalTimeout">One request with all its retries and waits, so a sync never hangs on a vendor.</param>
public sealed record VendorRetryPolicy(int MaxRetries, TimeSpan RetryDelay, TimeSpan AttemptTimeout, TimeSpan TotalTimeout)
{
    public bool IsValid => MaxRetries >= 0 && RetryDelay >= TimeSpan.Zero && AttemptTimeout > TimeSpan.Zero &&
        TotalTimeout >= AttemptTimeout;
}

public static class VendorResilience
{
    /// <summary>
    /// Gives a vendor's HttpClient its own resilience in place of the service defaults' standard handler: a total
    /// timeout around retries (honouring <c>Retry-After</c> on 429 and 503, else exponential backoff with jitter) around
    /// a per-attempt timeout. No circuit breaker: the pipeline is shared by every organization's clients, and one
    /// organization's failing account must not open it for the others. Outside Development its connections go only to
    /// public addresses (<see cref="PublicAddressConnection"/>); Development runs call the sandbox on internal addresses.
    /// </summary>
    // RemoveAllResilienceHandlers is experimental (EXTEXP0001) but the documented way to keep the standard handler from
    // nesting a second retry loop under this one.
#pragma warning disable EXTEXP0001
    /// <param name="isFinalAnswer">
    /// A failure status that is the vendor's answer rather than a passing fault (Xero's daily limit, a SOAP fault), so it
    /// is never retried; null retries every transient failure.
    /// </param>
    public static IHttpClientBuilder AddVendorRetries(this IHttpClientBuilder builder, string pipelineName,
        Func<IServiceProvider, VendorRetryPolicy> policyOf, Func<HttpResponseMessage, bool>? isFinalAnswer = null)
    {
        builder.RemoveAllResilienceHandlers().AddResilienceHandler(pipelineName, (pipeline, context) =>
        {
            var policy = policyOf(context.ServiceProvider);
            var retry = new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = policy.MaxRetries,
                Delay = policy.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldRetryAfterHeader = true,
            };
            if (isFinalAnswer is not null)
            {
                retry.ShouldHandle = arguments => ValueTask.FromResult(
                    !(arguments.Outcome.Result is { } response && isFinalAnswer(response))
                    && HttpClientResiliencePredicates.IsTransient(arguments.Outcome));
            }
            pipeline
                .AddTimeout(policy.TotalTimeout)
                .AddRetry(retry)
                .AddTimeout(policy.AttemptTimeout);
        });
        builder.ConfigurePrimaryHttpMessageHandler((handler, services) =>
        {
            if (services.GetService<IHostEnvironment>() is { } environment && !environment.IsDevelopment())
            {
                var sockets = handler as SocketsHttpHandler
                    ?? throw new InvalidOperationException($"{pipelineName}: the primary handler is not a SocketsHttpHandler.");
                sockets.ConnectCallback = PublicAddressConnection.Connect(
                    services.GetService<IVendorHostResolver>() ?? DnsVendorHostResolver.Instance);
            }
        });
        return builder;
    }
#pragma warning restore EXTEXP0001
}

using Microsoft.AspNetCore.HttpOverrides;
using BillingOne.Gateway.ApiDocs;
using BillingOne.Gateway.Authentication;
using BillingOne.Gateway.Errors;
using BillingOne.Gateway.RateLimiting;
using BillingOne.Gateway.RequestLimits;
using BillingOne.Gateway.Routing;
using BillingOne.Gateway.Security;
using BillingOne.Gateway.ServiceDiscovery;
using BillingOne.Gateway.SignIn;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.ServiceDiscovery;

namespace BillingOne.Gateway.Extensions;

/// <summary>
/// The gateway: YARP routes and clusters from the <c>ReverseProxy</c> configuration section, destinations resolved
/// through service discovery, authentication at the edge with internal tokens for the services, sign-in, rate limits,
/// correlation ids, request-body limits, problem+json errors and the aggregated API reference. Expects
/// <c>AddServiceDefaults()</c> (service discovery, telemetry, health, problem details).
/// </summary>
public static class Extensions
{
    public static void AddGateway(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<GatewayOptions>()
            .Bind(builder.Configuration.GetSection(GatewayOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(options => options.TrustedProxyNetworks.All(network => System.Net.IPNetwork.TryParse(network, out _)),
                $"{GatewayOptions.SectionName}:TrustedProxyNetworks must list networks in CIDR form, e.g. 10.0.0.0/8.")
            .ValidateOnStart();

        builder.AddEdgeSecurity();
        builder.AddGrpcEndpoint();
        builder.AddRequestTargetLimit();
        // Everything Kestrel accepts is bounded by the default; proxied routes then set their own limit per request.
        builder.Services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<GatewayOptions>>((kestrel, gateway) =>
                kestrel.Limits.MaxRequestBodySize = gateway.Value.MaxRequestBodyBytes);

        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddConfigFilter<RouteMetadataValidator>()
            .AddTransforms<OpenApiDocumentTransformProvider>();
        builder.Services.AddSingleton<IDestinationResolver, ServiceDiscoveryDestinationResolver>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, GrpcRequestMatcherPolicy>());

        builder.Services.AddSingleton<GatewayErrorWriter>();
        builder.Services.AddOptions<ForwardedHeadersOptions>()
            .Configure<IOptions<GatewayOptions>>((forwarded, gateway) =>
            {
                // Proto too: behind a TLS-terminating ingress the request was HTTPS, and the web app's cookie must say
                // Secure. Only the listed proxies (and loopback) are believed; anyone else's headers are ignored.
                forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                foreach (var network in gateway.Value.TrustedProxyNetworks)
                {
                    forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
                }
            });
    }

    private static void AddEdgeSecurity(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SecurityOptions>()
            .Bind(builder.Configuration.GetSection(SecurityOptions.SectionName))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SecurityOptions>, SecurityOptionsValidator>();
        builder.Services.AddOptions<RateLimitOptions>()
            .Bind(builder.Configuration.GetSection(RateLimitOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SigningKeys>();
        builder.Services.AddSingleton<SessionTokens>();
        builder.Services.AddSingleton<LookupCache>();
        builder.Services.AddSingleton<GatewayRateLimiters>();
        builder.Services.AddTransient<CredentialAuthenticator>();
#pragma warning disable EXTEXP0001 // RemoveAllResilienceHandlers, below
        builder.Services.AddHttpClient<IdentityAuthClient>(http =>
            {
                http.BaseAddress = IdentityAuthClient.ServiceAddress;
                http.Timeout = IdentityAuthClient.Timeout;
            })
            // The standard handler would retry a sign-in the service refused with 429 (counting the attempt again)
            // and hold a request for half a minute; a failed lookup is answered with 503 and asked again next time.
            // Marked experimental, but it is the way to take one client out of ConfigureHttpClientDefaults.
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        // First, so every response, the gateway's own errors included, carries the correlation id.
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseProblemDetailsErrors();
        app.UseMiddleware<RequestTargetLimitMiddleware>();
        // Rate limits per sign-in source need the caller's address, not the last proxy's.
        app.UseForwardedHeaders();

        app.MapDefaultEndpoints();
        app.MapApiReference();
        app.MapSignIn();
        app.MapUnknownServiceEndpoints();
        app.MapReverseProxy(proxy =>
        {
            // First: a request the forwarder could not send is refused before any work is done for it.
            proxy.UseMiddleware<AsciiHeaderValuesMiddleware>();
            proxy.UseMiddleware<ProxyErrorMiddleware>();
            proxy.UseMiddleware<EdgeAuthenticationMiddleware>();
            proxy.UseMiddleware<CallerRateLimitMiddleware>();
            proxy.UseMiddleware<RequestBodyLimitMiddleware>();
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        return app;
    }
}

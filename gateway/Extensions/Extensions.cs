using BillingOne.Gateway.ApiDocs;
using BillingOne.Gateway.Correlation;
using BillingOne.Gateway.Errors;
using BillingOne.Gateway.RequestLimits;
using BillingOne.Gateway.ServiceDiscovery;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.ServiceDiscovery;

namespace BillingOne.Gateway.Extensions;

/// <summary>
/// The gateway: YARP routes and clusters from the <c>ReverseProxy</c> configuration section, destinations resolved
/// through service discovery, correlation ids, request-body limits, problem+json errors and the aggregated API
/// reference. Expects <c>AddServiceDefaults()</c> (service discovery, telemetry, health, problem details).
/// </summary>
public static class Extensions
{
    public static void AddGateway(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<GatewayOptions>()
            .Bind(builder.Configuration.GetSection(GatewayOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        builder.AddGrpcEndpoint();
        // Everything Kestrel accepts is bounded by the default; proxied routes then set their own limit per request.
        builder.Services.AddOptions<KestrelServerOptions>()
            .Configure<IOptions<GatewayOptions>>((kestrel, gateway) =>
                kestrel.Limits.MaxRequestBodySize = gateway.Value.MaxRequestBodyBytes);

        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddConfigFilter<RouteBodyLimitValidator>()
            .AddTransforms<OpenApiDocumentTransformProvider>();
        builder.Services.AddSingleton<IDestinationResolver, ServiceDiscoveryDestinationResolver>();

        builder.Services.AddSingleton<GatewayErrorWriter>();
    }

    public static WebApplication MapGateway(this WebApplication app)
    {
        // First, so every response, the gateway's own errors included, carries the correlation id.
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseProblemDetailsErrors();

        app.MapDefaultEndpoints();
        app.MapApiReference();
        app.MapUnknownServiceEndpoints();
        app.MapReverseProxy(proxy =>
        {
            proxy.UseMiddleware<ProxyErrorMiddleware>();
            proxy.UseMiddleware<RequestBodyLimitMiddleware>();
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        return app;
    }
}

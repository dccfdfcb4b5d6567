using BillingOne.Gateway.Errors;
using BillingOne.Gateway.Routing;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Model;

namespace BillingOne.Gateway.RequestLimits;

/// <summary>
/// Applies the route's request-body limit (its metadata, else <see cref="GatewayOptions.MaxRequestBodyBytes"/>) before
/// the body is forwarded. A declared Content-Length over the limit is refused at once with 413; a body without one
/// (chunked, HTTP/2) is cut off by Kestrel when it passes the limit, which <see cref="ProxyErrorMiddleware"/> turns
/// into the same 413 problem.
/// </summary>
public sealed class RequestBodyLimitMiddleware(
    RequestDelegate next,
    IOptionsMonitor<GatewayOptions> options,
    GatewayErrorWriter errors)
{
    public Task InvokeAsync(HttpContext context)
    {
        // gRPC calls are streams: YARP lifts the body limit for them, and each message is bounded by the service's
        // gRPC MaxReceiveMessageSize instead.
        if (context.Request.IsGrpc())
        {
            return next(context);
        }

        var route = context.GetReverseProxyFeature().Route.Config;
        var limit = RouteBodyLimit.For(route) ?? options.CurrentValue.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            return errors.WriteBodyTooLargeAsync(context, limit);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = limit;
        }

        return next(context);
    }
}

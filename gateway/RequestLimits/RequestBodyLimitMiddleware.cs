using BillingOne.Gateway.Errors;
using BillingOne.Gateway.Routing;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Model;

namespace BillingOne.Gateway.RequestLimits;

/// <summary>
/// Applies the route's request-body limit (its metadata, else <see cref="GatewayOptions.MaxRequestBodyBytes"/>) before
/// the body is forwarded. A declared Content-Length over the limit is refused with 413 without forwarding anything; a
/// body without one (chunked, HTTP/2) is cut off by Kestrel when it passes the limit, which
/// <see cref="ProxyErrorMiddleware"/> turns into the same 413 problem.
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
        if (context.Request.ContentLength is { } declared && declared > limit)
        {
            return RefuseAsync(context, declared, limit);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = limit;
        }

        return next(context);
    }

    /// <summary>
    /// A caller still sending its body would see the connection reset rather than the 413 if it were answered at once
    /// (an HTTP/1.1 client reads the answer only once it has sent the body). So a body of up to
    /// <see cref="GatewayOptions.MaxDrainedBodyBytes"/> is read to its end and dropped first; a larger one is answered
    /// at once and the connection closed (over HTTP/2, Kestrel sends the answer, then resets the stream with NO_ERROR,
    /// which tells the client to stop sending and keep the answer; some clients, e.g. curl 7.88, drop it anyway).
    /// </summary>
    private async Task RefuseAsync(HttpContext context, long declared, long limit)
    {
        if (declared <= options.CurrentValue.MaxDrainedBodyBytes
            && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = declared;
            try
            {
                await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            }
            catch (Exception exception) when (exception is IOException or BadHttpRequestException
                or OperationCanceledException)
            {
                // The caller stopped sending: the answer below is all that is left to try.
            }
        }
        await errors.WriteBodyTooLargeAsync(context, limit);
    }
}

using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace BillingOne.Gateway.Errors;

/// <summary>
/// Runs around the forwarding of a request. Services' own responses, errors included, pass through untouched; when
/// the gateway itself could not get an answer (no instance, connection refused, timeout, body over the limit) the
/// caller gets a problem (or a gRPC status) that says which service and what went wrong.
/// </summary>
public sealed class ProxyErrorMiddleware(RequestDelegate next, GatewayErrorWriter errors)
{
    public async Task InvokeAsync(HttpContext context)
    {
        // A service's empty error response is the service's answer; the status-code pages must not dress it up.
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
        {
            statusCodePages.Enabled = false;
        }

        await next(context);

        var failure = context.Features.Get<IForwarderErrorFeature>();
        if (failure is null || context.Response.HasStarted || context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        // YARP has logged the failure with its exception; the caller gets told which service failed and how.
        var service = context.GetReverseProxyFeature().Cluster?.Config.ClusterId ?? "requested";

        // YARP has already chosen the status code that fits the failure.
        var statusCode = context.Response.StatusCode;
        await (statusCode switch
        {
            StatusCodes.Status413PayloadTooLarge => errors.WriteBodyTooLargeAsync(context,
                context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? 0),
            StatusCodes.Status400BadRequest or StatusCodes.Status408RequestTimeout => errors.WriteAsync(context, statusCode,
                "Request body not received", "The request body could not be read from the caller."),
            StatusCodes.Status503ServiceUnavailable => errors.WriteAsync(context, statusCode,
                "Service unavailable", $"No instance of the {service} service is available."),
            StatusCodes.Status504GatewayTimeout => errors.WriteAsync(context, statusCode,
                "Service timed out", $"The {service} service did not answer in time."),
            _ => errors.WriteAsync(context, StatusCodes.Status502BadGateway,
                "Service unreachable", $"The {service} service could not be reached or broke off its answer."),
        });
    }
}

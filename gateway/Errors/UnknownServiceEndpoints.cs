using BillingOne.Gateway.Routing;

namespace BillingOne.Gateway.Errors;

/// <summary>
/// Paths under <c>/api</c> and <c>/openapi</c>, and gRPC calls, that no service route claims. Without these, the web
/// UI's catch-all route would answer them with an HTML page or a redirect to its sign-in; an API caller must get a 404
/// problem instead, and a gRPC caller UNIMPLEMENTED (gRPC's status for a 404), as for an unknown method.
/// </summary>
public static class UnknownServiceEndpoints
{
    public static IEndpointRouteBuilder MapUnknownServiceEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.Map("/api/{**path}", (HttpContext context, GatewayErrorWriter errors) =>
            errors.WriteAsync(context, StatusCodes.Status404NotFound, "Unknown service",
                $"No BillingOne service serves '{context.Request.Path}'. API paths are /api/<service>/..."));
        endpoints.Map("/openapi/{**path}", (HttpContext context, GatewayErrorWriter errors) =>
            errors.WriteAsync(context, StatusCodes.Status404NotFound, "Unknown API document",
                $"No BillingOne service publishes '{context.Request.Path}'. Documents are /openapi/<service>.json; /scalar lists them."));
        endpoints.Map("/{**path}", (HttpContext context, GatewayErrorWriter errors) =>
            errors.WriteAsync(context, StatusCodes.Status404NotFound, "Unknown gRPC service",
                $"No BillingOne service serves '{context.Request.Path}'. The partner API is billingone.partner.v1; " +
                "health and reflection calls name their service in the x-billingone-service header."))
            .WithMetadata(GrpcRequestsOnly.Instance);
        return endpoints;
    }
}

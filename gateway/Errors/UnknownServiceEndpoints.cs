namespace BillingOne.Gateway.Errors;

/// <summary>
/// Paths under <c>/api</c> and <c>/openapi</c> that no service route claims. Without these, the web UI's catch-all
/// route would answer them with an HTML page; an API caller must get a 404 problem instead.
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
        return endpoints;
    }
}

using System.Globalization;
using BillingOne.Gateway.Routing;
using Microsoft.AspNetCore.Mvc;

namespace BillingOne.Gateway.Errors;

/// <summary>
/// Writes errors the gateway itself produces. HTTP callers get application/problem+json; gRPC callers get a
/// trailers-only gRPC response (HTTP 200 with <c>grpc-status</c>), which is how gRPC clients expect a proxy to fail.
/// </summary>
public sealed class GatewayErrorWriter(IProblemDetailsService problemDetails)
{
    public async Task WriteAsync(HttpContext context, int statusCode, string title, string detail)
    {
        context.Response.Clear();
        if (context.Request.IsGrpc())
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/grpc";
            context.Response.Headers["grpc-status"] = ToGrpcStatus(statusCode).ToString(CultureInfo.InvariantCulture);
            // grpc-message is percent-encoded by the gRPC over HTTP/2 spec.
            context.Response.Headers["grpc-message"] = Uri.EscapeDataString($"{title}: {detail}");
            await context.Response.CompleteAsync();
            return;
        }

        context.Response.StatusCode = statusCode;
        // A caller whose Accept header rules out JSON gets the bare status code.
        await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = statusCode, Title = title, Detail = detail },
        });
    }

    public Task WriteBodyTooLargeAsync(HttpContext context, long limitBytes) =>
        WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request body too large",
            string.Create(CultureInfo.InvariantCulture, $"The request body is larger than the {limitBytes:N0} bytes this route accepts."));

    // gRPC's own HTTP-to-gRPC status mapping (grpc/doc/http-grpc-status-mapping.md), so a client sees the same code
    // whether the gateway or its HTTP stack reports the failure.
    private static int ToGrpcStatus(int httpStatusCode) => httpStatusCode switch
    {
        StatusCodes.Status400BadRequest => 13, // INTERNAL
        StatusCodes.Status404NotFound => 12, // UNIMPLEMENTED
        StatusCodes.Status502BadGateway or StatusCodes.Status503ServiceUnavailable
            or StatusCodes.Status504GatewayTimeout => 14, // UNAVAILABLE
        _ => 2, // UNKNOWN
    };
}

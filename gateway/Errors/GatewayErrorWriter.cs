using System.Globalization;
using BillingOne.Gateway.Routing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace BillingOne.Gateway.Errors;

/// <summary>
/// Writes errors the gateway itself produces. HTTP callers get application/problem+json; gRPC callers get a
/// trailers-only gRPC response (HTTP 200 with <c>grpc-status</c>), which is how gRPC clients expect a proxy to fail.
/// </summary>
public sealed class GatewayErrorWriter(IProblemDetailsService problemDetails)
{
    public Task WriteAsync(HttpContext context, int statusCode, string title, string detail) =>
        WriteAsync(context, statusCode, title, detail, static _ => { });

    public Task WriteBodyTooLargeAsync(HttpContext context, long limitBytes) =>
        WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request body too large",
            string.Create(CultureInfo.InvariantCulture, $"The request body is larger than the {limitBytes:N0} bytes this route accepts."));

    /// <summary>401 with the RFC 6750 challenge: bare when no credential was sent, <c>invalid_token</c> when a bad one was.</summary>
    public Task WriteUnauthorizedAsync(HttpContext context, bool credentialSent, string detail) =>
        WriteAsync(context, StatusCodes.Status401Unauthorized,
            credentialSent ? "Invalid credentials" : "Authentication required",
            detail,
            headers => headers[HeaderNames.WWWAuthenticate] = credentialSent ? "Bearer error=\"invalid_token\"" : "Bearer");

    /// <summary>429 with <c>Retry-After</c> in whole seconds (and the gRPC equivalent for gRPC callers).</summary>
    public Task WriteTooManyRequestsAsync(HttpContext context, string title, string detail, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));
        return WriteAsync(context, StatusCodes.Status429TooManyRequests, title, detail, headers =>
        {
            headers[HeaderNames.RetryAfter] = seconds.ToString(CultureInfo.InvariantCulture);
            if (context.Request.IsGrpc())
            {
                // gRPC's own way of saying when to retry (gRFC A6).
                headers["grpc-retry-pushback-ms"] = (seconds * 1000).ToString(CultureInfo.InvariantCulture);
            }
        });
    }

    /// <summary>
    /// 400 naming the request header at fault under <c>errors</c>, as the services' validation problems do. gRPC callers
    /// get INVALID_ARGUMENT: gRPC's HTTP mapping would make a 400 INTERNAL, which blames the server.
    /// </summary>
    public Task WriteInvalidHeaderAsync(HttpContext context, string headerName, string reason) =>
        WriteAsync(context, StatusCodes.Status400BadRequest, GrpcInvalidArgument,
            new HttpValidationProblemDetails(new Dictionary<string, string[]> { [headerName] = [reason] })
            {
                Title = "Invalid request header",
                Detail = reason,
            },
            static _ => { });

    /// <summary>400 naming the body's members at fault under <c>errors</c>, as the services' validation problems do.</summary>
    public Task WriteInvalidBodyAsync(HttpContext context, string title, string detail,
        IDictionary<string, string[]> fieldErrors) =>
        WriteAsync(context, StatusCodes.Status400BadRequest, GrpcInvalidArgument,
            new HttpValidationProblemDetails(fieldErrors) { Title = title, Detail = detail },
            static _ => { });

    private Task WriteAsync(HttpContext context, int statusCode, string title, string detail, Action<IHeaderDictionary> addHeaders) =>
        WriteAsync(context, statusCode, ToGrpcStatus(statusCode), new ProblemDetails { Title = title, Detail = detail },
            addHeaders);

    private async Task WriteAsync(HttpContext context, int statusCode, int grpcStatus, ProblemDetails problem,
        Action<IHeaderDictionary> addHeaders)
    {
        context.Response.Clear();
        addHeaders(context.Response.Headers);
        if (context.Request.IsGrpc())
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "application/grpc";
            context.Response.Headers["grpc-status"] = grpcStatus.ToString(CultureInfo.InvariantCulture);
            // grpc-message is percent-encoded by the gRPC over HTTP/2 spec.
            context.Response.Headers["grpc-message"] = Uri.EscapeDataString($"{problem.Title}: {problem.Detail}");
            await context.Response.CompleteAsync();
            return;
        }

        context.Response.StatusCode = statusCode;
        problem.Status = statusCode;
        // A caller whose Accept header rules out JSON gets the bare status code.
        await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }

    private const int GrpcInvalidArgument = 3;

    // gRPC's own HTTP-to-gRPC status mapping (grpc/doc/http-grpc-status-mapping.md), so a client sees the same code
    // whether the gateway or its HTTP stack reports the failure.
    private static int ToGrpcStatus(int httpStatusCode) => httpStatusCode switch
    {
        StatusCodes.Status400BadRequest => 13, // INTERNAL
        StatusCodes.Status401Unauthorized => 16, // UNAUTHENTICATED
        StatusCodes.Status403Forbidden => 7, // PERMISSION_DENIED
        StatusCodes.Status404NotFound => 12, // UNIMPLEMENTED
        StatusCodes.Status429TooManyRequests or StatusCodes.Status502BadGateway
            or StatusCodes.Status503ServiceUnavailable or StatusCodes.Status504GatewayTimeout => 14, // UNAVAILABLE
        _ => 2, // UNKNOWN
    };
}

using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace BillingOne.BuildingBlocks.Outages;

/// <summary>
/// Answers a request that failed because PostgreSQL or RabbitMQ was unavailable with 503 problem+json and
/// <c>Retry-After</c> instead of the exception handler's 500: the request was fine, the caller should send it again
/// (with the same <c>Idempotency-Key</c>, which an unfinished request leaves free). The exception goes to the log only.
/// </summary>
internal sealed partial class InfrastructureOutageExceptionHandler(
    IProblemDetailsService problemDetails,
    ILogger<InfrastructureOutageExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception,
        CancellationToken cancellationToken)
    {
        if (httpContext.Response.HasStarted || !InfrastructureOutage.IsOutage(exception))
        {
            return false;
        }
        LogOutage(exception, httpContext.Request.Method, httpContext.Request.Path);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter =
            ((int)InfrastructureOutage.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service temporarily unavailable",
                Detail = InfrastructureOutage.Detail,
            },
        });
    }

    // A warning, not an error: the outage itself is what operators act on, and the health checks report it.
    [LoggerMessage(Level = LogLevel.Warning, Message = "{Method} {Path} answered 503: infrastructure unavailable")]
    private partial void LogOutage(Exception exception, string method, string path);
}

using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace BillingOne.BuildingBlocks.Hosting;

/// <summary>
/// Echoes the caller's (or gateway's) <c>X-Correlation-Id</c>, or the trace id when there is none, and
/// tags the request's trace with it so logs, traces and the caller's report can be joined.
/// </summary>
public sealed class CorrelationIdMiddleware(RequestDelegate next)
{
    public const string HeaderName = "X-Correlation-Id";
    private const int MaxLength = 128;

    public Task InvokeAsync(HttpContext context)
    {
        var incoming = context.Request.Headers[HeaderName].ToString();
        var correlationId = IsAcceptable(incoming)
            ? incoming
            : Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
        Activity.Current?.SetTag("correlation.id", correlationId);
        context.Response.Headers[HeaderName] = correlationId;
        return next(context);
    }

    private static bool IsAcceptable(string value) =>
        value.Length is > 0 and <= MaxLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}

using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Gives every request a correlation id: the caller's <c>X-Correlation-Id</c> when it is sane (at a service, the one
/// the gateway set), otherwise the request's trace id. The id is kept on the request (so the gateway forwards exactly
/// the id the caller gets back), tagged on the trace, put in the log scope and returned on the response, including
/// error responses.
/// </summary>
public sealed class CorrelationIdMiddleware(RequestDelegate next, ILogger<CorrelationIdMiddleware> logger)
{
    public const string HeaderName = "X-Correlation-Id";

    // Long enough for a GUID or a W3C trace id with a prefix, short enough to keep junk out of logs and headers.
    private const int MaxLength = 128;

    public async Task InvokeAsync(HttpContext context)
    {
        var correlationId = Accept(context.Request.Headers[HeaderName].ToString()) ?? NewId();

        // Replaces any unacceptable or repeated value, so the service sees exactly the id the caller gets back.
        context.Request.Headers[HeaderName] = correlationId;
        // Set when the response starts so neither a proxied response's copy of the header nor a cleared error
        // response can leave it out or duplicate it.
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[HeaderName] = correlationId;
            return Task.CompletedTask;
        });
        Activity.Current?.SetTag("correlation.id", correlationId);

        using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = correlationId }))
        {
            await next(context);
        }
    }

    private static string? Accept(string incoming) =>
        incoming.Length is > 0 and <= MaxLength
        && incoming.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            ? incoming
            : null;

    private static string NewId() =>
        Activity.Current?.TraceId.ToHexString() ?? Guid.NewGuid().ToString("N");
}

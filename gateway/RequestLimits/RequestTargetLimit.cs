using System.Globalization;
using BillingOne.Gateway.Errors;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace BillingOne.Gateway.RequestLimits;

/// <summary>
/// Refuses addresses longer than the services take with a 414 problem. Kestrel answers a request line over its own
/// limit itself, before any middleware, with an empty body; so the gateway lets Kestrel read lines far longer
/// (<see cref="KestrelRequestLineBytes"/>) and applies the real limit here, where the answer can say what is wrong.
/// </summary>
public sealed class RequestTargetLimitMiddleware(RequestDelegate next, GatewayErrorWriter errors)
{
    /// <summary>
    /// Longest path and query forwarded: below the services' Kestrel request-line limit (8 KiB including the method
    /// and protocol), so a forwarded request can never meet it.
    /// </summary>
    public const int MaxRequestTargetBytes = 8_000;

    /// <summary>How much of a request line Kestrel reads before refusing it with an empty 414 itself.</summary>
    public const int KestrelRequestLineBytes = 1024 * 1024;

    public Task InvokeAsync(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
        return target.Length <= MaxRequestTargetBytes
            ? next(context)
            : errors.WriteAsync(context, StatusCodes.Status414UriTooLong, "Address too long",
                string.Create(CultureInfo.InvariantCulture,
                    $"The path and query are {target.Length:N0} characters; at most {MaxRequestTargetBytes:N0} are accepted."));
    }
}

public static class RequestTargetLimitExtensions
{
    public static IHostApplicationBuilder AddRequestTargetLimit(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<KestrelServerOptions>(kestrel =>
            kestrel.Limits.MaxRequestLineSize = RequestTargetLimitMiddleware.KestrelRequestLineBytes);
        return builder;
    }
}

using System.Security.Claims;
using BillingOne.Sandbox.Auth;

namespace BillingOne.Sandbox.RateLimiting;

public static partial class RateLimitEndpointFilter
{
    /// <summary>
    /// Answers 429 with <c>Retry-After</c> (whole seconds, rounded up) once the authenticated client has used
    /// its window. Runs as an endpoint filter, i.e. after authentication: a request without a valid token
    /// gets its 401 and is not counted.
    /// </summary>
    public static TBuilder RequireClientRateLimit<TBuilder>(this TBuilder builder, ClientRequestLimiter limiter)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var httpContext = context.HttpContext;
            var clientId = httpContext.User.FindFirstValue(SandboxBearerHandler.ClientIdClaim)
                ?? throw new InvalidOperationException("The rate limit applies to authenticated endpoints only.");
            if (limiter.TryAcquire(clientId, out var retryAfter))
            {
                return await next(context);
            }

            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            LogRejected(httpContext.RequestServices.GetRequiredService<ILoggerFactory>()
                .CreateLogger(typeof(RateLimitEndpointFilter)), clientId, seconds);
            return Results.Problem(
                $"Client '{clientId}' may make {limiter.Options.PermitLimit} requests per {limiter.Options.Window}; retry in {seconds} s.",
                statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests");
        });

    [LoggerMessage(Level = LogLevel.Information, Message = "Rate limit reached for client {ClientId}; retry in {Seconds} s")]
    private static partial void LogRejected(ILogger logger, string clientId, int seconds);
}

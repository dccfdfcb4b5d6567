using BillingOne.BuildingBlocks.Security;
using BillingOne.Gateway.Authentication;
using BillingOne.Gateway.Errors;

namespace BillingOne.Gateway.RateLimiting;

/// <summary>
/// Holds every authenticated caller to its budget (<see cref="RateLimitOptions"/>); anonymous routes are not limited
/// here. Over budget: 429 problem with <c>Retry-After</c>.
/// </summary>
public sealed class CallerRateLimitMiddleware(RequestDelegate next, GatewayRateLimiters limiters, GatewayErrorWriter errors)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Features.Get<AuthenticatedCaller>() is not { } caller)
        {
            await next(context);
            return;
        }

        using var lease = limiters.AcquireForCaller(caller.Claims);
        if (!lease.IsAcquired)
        {
            var who = caller.Claims.ActorType == ActorTypes.ApiKey ? "API key" : "user";
            await errors.WriteTooManyRequestsAsync(context, "Too many requests",
                $"This {who} has used its requests for this minute. Retry after the time in Retry-After.",
                GatewayRateLimiters.RetryAfter(lease));
            return;
        }

        await next(context);
    }
}

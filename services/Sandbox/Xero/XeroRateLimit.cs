using System.Globalization;
using BillingOne.Sandbox.RateLimiting;

namespace BillingOne.Sandbox.Xero;

/// <summary>
/// Xero's limits as its limits page documents them: per app and tenant a minute limit and a day limit, and per app a
/// minute limit across all its tenants. The app's minute is counted first, then the tenant's minute, so a request refused
/// for the minute does not use up the day. Every answer carries what is left (<c>X-AppMinLimit-Remaining</c>,
/// <c>X-MinLimit-Remaining</c>, <c>X-DayLimit-Remaining</c>, as far as the request got); a refusal is 429 with
/// <c>Retry-After</c> in seconds and <c>X-Rate-Limit-Problem</c> naming the limit (<c>appminute</c>, <c>minute</c>,
/// <c>day</c>).
/// </summary>
public sealed class XeroRateLimit(XeroOptions options, TimeProvider timeProvider)
{
    private readonly ClientRequestLimiter appMinute = new(options.AppRateLimit, timeProvider);
    private readonly ClientRequestLimiter minute = new(options.RateLimit, timeProvider);
    private readonly ClientRequestLimiter day = new(options.DailyLimit, timeProvider);

    /// <summary>Null when the request may go on; otherwise the 429 to answer. Sets the remaining-calls headers either way.</summary>
    public IResult? Refusal(HttpResponse response, string clientId, Guid tenantId)
    {
        var key = $"{clientId}|{tenantId}";
        if (Count(response, appMinute, clientId, "X-AppMinLimit-Remaining", "appminute") is { } appRefusal)
        {
            return appRefusal;
        }
        return Count(response, minute, key, "X-MinLimit-Remaining", "minute")
            ?? Count(response, day, key, "X-DayLimit-Remaining", "day");
    }

    /// <summary>Counts the request against one limit and says what is left of it; the 429 when it is used up.</summary>
    private static IResult? Count(HttpResponse response, ClientRequestLimiter limit, string key, string header, string problem)
    {
        var allowed = limit.TryAcquire(key, out var retryAfter, out var left);
        response.Headers[header] = left.ToString(CultureInfo.InvariantCulture);
        return allowed ? null : Refuse(response, problem, retryAfter);
    }

    private static IResult Refuse(HttpResponse response, string problem, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-Rate-Limit-Problem"] = problem;
        return Results.Problem($"The {problem} rate limit for this tenant is used up; retry in {seconds} s.",
            statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests");
    }
}

using System.Globalization;
using BillingOne.Sandbox.RateLimiting;

namespace BillingOne.Sandbox.Xero;

/// <summary>
/// Xero's two limits per app and tenant: the minute limit is checked first, so a request refused for the minute does
/// not use up the day. Every answer carries what is left (<c>X-MinLimit-Remaining</c>, <c>X-DayLimit-Remaining</c>); a
/// refusal is 429 with <c>Retry-After</c> in seconds and <c>X-Rate-Limit-Problem</c> naming the limit.
/// </summary>
public sealed class XeroRateLimit(XeroOptions options, TimeProvider timeProvider)
{
    private readonly ClientRequestLimiter minute = new(options.RateLimit, timeProvider);
    private readonly ClientRequestLimiter day = new(options.DailyLimit, timeProvider);

    /// <summary>Null when the request may go on; otherwise the 429 to answer. Sets the remaining-calls headers either way.</summary>
    public IResult? Refusal(HttpResponse response, string clientId, Guid tenantId)
    {
        var key = $"{clientId}|{tenantId}";
        var headers = response.Headers;
        if (!minute.TryAcquire(key, out var retryAfter, out var minuteLeft))
        {
            headers["X-MinLimit-Remaining"] = "0";
            return Refuse(response, "minute", retryAfter);
        }
        headers["X-MinLimit-Remaining"] = minuteLeft.ToString(CultureInfo.InvariantCulture);
        if (!day.TryAcquire(key, out retryAfter, out var dayLeft))
        {
            headers["X-DayLimit-Remaining"] = "0";
            return Refuse(response, "day", retryAfter);
        }
        headers["X-DayLimit-Remaining"] = dayLeft.ToString(CultureInfo.InvariantCulture);
        return null;
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

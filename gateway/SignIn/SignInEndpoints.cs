using System.Globalization;
using System.Net;
using System.Text.Json;
using BillingOne.Gateway.Authentication;
using BillingOne.Gateway.Errors;
using BillingOne.Gateway.RateLimiting;
using Microsoft.Net.Http.Headers;

namespace BillingOne.Gateway.SignIn;

/// <summary>
/// <c>POST /auth/sign-in</c> {email, password}: the identity service checks the password (and keeps the lockout);
/// the gateway answers with a session token it signs, <c>{ sessionToken, expiresAt, user }</c>. Refusals (401 wrong
/// credentials, 423 locked, 429...) are the service's problems, passed through. Attempts are limited per source
/// address before the service is asked at all.
/// </summary>
public static class SignInEndpoints
{
    public const string Path = "/auth/sign-in";

    public sealed record SignInResponse(string SessionToken, DateTimeOffset ExpiresAt, SignedInUser User);

    public sealed record SignedInUser(Guid Id, string Name, string Email, Guid OrgId, string Role);

    public static IEndpointRouteBuilder MapSignIn(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, SignInAsync);
        return endpoints;
    }

    // The body is read here rather than bound: a bound JSON body makes routing skip this endpoint for other content
    // types, and the web UI's catch-all route would answer instead.
    private static async Task SignInAsync(
        HttpContext context,
        GatewayRateLimiters limiters,
        IdentityAuthClient identity,
        SessionTokens sessions,
        GatewayErrorWriter errors)
    {
        // Counted before the identity service is asked, whatever the attempt turns out to be.
        using var lease = limiters.AcquireForSignIn(context.Connection.RemoteIpAddress ?? IPAddress.None);
        if (!lease.IsAcquired)
        {
            await errors.WriteTooManyRequestsAsync(context, "Too many sign-in attempts",
                "Too many sign-in attempts from this address. Retry after the time in Retry-After.",
                GatewayRateLimiters.RetryAfter(lease));
            return;
        }

        if (!context.Request.HasJsonContentType())
        {
            await errors.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "JSON expected",
                "Send the credentials as application/json: {\"email\": \"...\", \"password\": \"...\"}.");
            return;
        }

        var body = await ReadAsync(context);
        if (string.IsNullOrWhiteSpace(body?.Email) || string.IsNullOrEmpty(body.Password))
        {
            await errors.WriteAsync(context, StatusCodes.Status400BadRequest, "Email and password required",
                "Send a JSON body {\"email\": \"...\", \"password\": \"...\"}.");
            return;
        }

        switch (await identity.SignInAsync(new SignInRequest(body.Email.Trim(), body.Password), context.RequestAborted))
        {
            case SignInResult.SignedIn(var user):
                var (token, expiresAt) = sessions.Issue(user);
                // A credential: no cache may keep it.
                context.Response.Headers.CacheControl = "no-store";
                await context.Response.WriteAsJsonAsync(new SignInResponse(token, expiresAt,
                    new SignedInUser(user.Id, user.Name, user.Email, user.OrgId, user.Role)));
                return;
            case SignInResult.Rejected rejected:
                await PassThroughAsync(context, rejected);
                return;
            case SignInResult.Unavailable:
                await errors.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Sign-in unavailable",
                    "Sign-in is not possible right now. Try again shortly.");
                return;
        }
    }

    private static async Task<SignInRequest?> ReadAsync(HttpContext context)
    {
        try
        {
            return await context.Request.ReadFromJsonAsync<SignInRequest>(context.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task PassThroughAsync(HttpContext context, SignInResult.Rejected rejected)
    {
        context.Response.StatusCode = (int)rejected.StatusCode;
        if (rejected.RetryAfter is { } retryAfter)
        {
            context.Response.Headers[HeaderNames.RetryAfter] = retryAfter.Delta is { } delta
                ? ((long)Math.Ceiling(delta.TotalSeconds)).ToString(CultureInfo.InvariantCulture)
                : retryAfter.ToString();
        }
        if (rejected.Body.Length == 0)
        {
            return;
        }
        context.Response.ContentType = rejected.ContentType?.ToString();
        await context.Response.Body.WriteAsync(rejected.Body, context.RequestAborted);
    }
}

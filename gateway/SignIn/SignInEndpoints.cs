using System.Globalization;
using System.Net;
using System.Text.Json;
using BillingOne.Gateway.Authentication;
using BillingOne.Gateway.Errors;
using BillingOne.Gateway.RateLimiting;
using Microsoft.Net.Http.Headers;

namespace BillingOne.Gateway.SignIn;

/// <summary>
/// <c>POST /auth/sign-in</c> {email, password, organizationId?}: the identity service checks the password (and
/// throttles failures per email and source address) and opens a session; the gateway answers with a session token
/// it signs, <c>{ sessionToken, expiresAt, user }</c>. Refusals (401 wrong credentials, 409 organization to choose,
/// 429...) are the service's problems, passed through. Attempts are limited per source address before the service is
/// asked at all. <c>DELETE /auth/session</c> with the session token as bearer (sign-out) ends the session on the server.
/// </summary>
public static class SignInEndpoints
{
    public const string Path = "/auth/sign-in";
    // Not /auth/sign-out: that is the web UI's own form post (through the gateway), which calls this.
    public const string SignOutPath = "/auth/session";

    public sealed record SignInBody(string? Email, string? Password, Guid? OrganizationId);

    public sealed record SignInResponse(string SessionToken, DateTimeOffset ExpiresAt, SignedInUser User);

    public sealed record SignedInUser(Guid Id, string Name, string Email, Guid OrgId, string Role);

    public static IEndpointRouteBuilder MapSignIn(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, SignInAsync);
        endpoints.MapDelete(SignOutPath, SignOutAsync);
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
        // After the forwarded headers: the browser's address when a trusted proxy (the web app) named it.
        var source = context.Connection.RemoteIpAddress ?? IPAddress.None;
        // Counted before the identity service is asked, whatever the attempt turns out to be.
        using var lease = limiters.AcquireForSignIn(source);
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

        // The source is the gateway's to name: one in the body would let a guesser pick a fresh counter each time.
        var request = new SignInRequest(body.Email.Trim(), body.Password, source.ToString(), body.OrganizationId);
        switch (await identity.SignInAsync(request, context.RequestAborted))
        {
            case SignInResult.SignedIn(var session):
                var (token, expiresAt) = sessions.Issue(session);
                var user = session.User;
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

    /// <summary>
    /// Ends the session the bearer token names, so the token (and the web cookie holding it) is refused from now on,
    /// here at once and on other gateway instances within the lookup cache's second. 204 also when the token is
    /// no valid session token: there is nothing left to end, and saying more would help nobody.
    /// </summary>
    private static async Task SignOutAsync(
        HttpContext context,
        SessionTokens sessions,
        IdentityAuthClient identity,
        LookupCache cache,
        GatewayErrorWriter errors)
    {
        var read = CallerCredentials.Read(context.Request);
        if (read.Credential is { Kind: CredentialKind.SessionToken } credential
            && await sessions.ValidateAsync(credential.Value) is { } sessionId)
        {
            if (!await identity.EndSessionAsync(sessionId, context.RequestAborted))
            {
                await errors.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Sign-out unavailable",
                    "The session could not be ended right now. Try again shortly.");
                return;
            }
            cache.Remove(CredentialAuthenticator.SessionCacheKey(sessionId));
        }
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private static async Task<SignInBody?> ReadAsync(HttpContext context)
    {
        try
        {
            return await context.Request.ReadFromJsonAsync<SignInBody>(context.RequestAborted);
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

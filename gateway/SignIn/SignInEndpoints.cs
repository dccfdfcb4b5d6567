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
/// <para>
/// Two-factor: when the user has an authenticator, the password step answers 200
/// <c>{ twoFactorRequired: true, challenge, expiresAt }</c> and no session; <c>POST /auth/sign-in/two-factor</c>
/// {challenge, code} then answers as a sign-in does (the session token), or the service's 400/401 naming
/// <c>code</c> or <c>challenge</c>, or 429. Its attempts count against the same per-address limit. A session answered
/// with <c>twoFactorEnrollmentRequired</c> may only reach <c>/api/identity/me/**</c> until the user has set it up.
/// </para>
/// </summary>
public static class SignInEndpoints
{
    public const string Path = "/auth/sign-in";
    public const string TwoFactorPath = "/auth/sign-in/two-factor";
    // Not /auth/sign-out: that is the web UI's own form post (through the gateway), which calls this.
    public const string SignOutPath = "/auth/session";
    // What the identity service keeps of a User-Agent; real browsers' are a few hundred characters at most.
    public const int MaxUserAgentLength = 512;

    public sealed record SignInBody(string? Email, string? Password, Guid? OrganizationId);

    public sealed record SignInResponse(string SessionToken, DateTimeOffset ExpiresAt, SignedInUser User,
        bool TwoFactorEnrollmentRequired = false);

    /// <summary>The password step's answer for a user with two-factor on: send the code with the challenge.</summary>
    public sealed record TwoFactorRequiredResponse(bool TwoFactorRequired, Guid Challenge, DateTimeOffset ExpiresAt);

    public sealed record TwoFactorBody(Guid? Challenge, string? Code);

    public sealed record SignedInUser(Guid Id, string Name, string Email, Guid OrgId, string Role);

    public static IEndpointRouteBuilder MapSignIn(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(Path, SignInAsync);
        endpoints.MapPost(TwoFactorPath, SignInWithCodeAsync);
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
        if (await AdmitAsync(context, limiters, errors, "{\"email\": \"...\", \"password\": \"...\"}") is not { } source)
        {
            return;
        }

        var body = await ReadAsync<SignInBody>(context);
        if (string.IsNullOrWhiteSpace(body?.Email) || string.IsNullOrEmpty(body.Password))
        {
            await errors.WriteAsync(context, StatusCodes.Status400BadRequest, "Email and password required",
                "Send a JSON body {\"email\": \"...\", \"password\": \"...\"}.");
            return;
        }

        // The source is the gateway's to name: one in the body would let a guesser pick a fresh counter each time.
        var request = new SignInRequest(body.Email.Trim(), body.Password, source.ToString(), body.OrganizationId,
            UserAgent(context));
        await AnswerAsync(context, await identity.SignInAsync(request, context.RequestAborted), sessions, errors);
    }

    private static async Task SignInWithCodeAsync(
        HttpContext context,
        GatewayRateLimiters limiters,
        IdentityAuthClient identity,
        SessionTokens sessions,
        GatewayErrorWriter errors)
    {
        if (await AdmitAsync(context, limiters, errors, "{\"challenge\": \"...\", \"code\": \"123456\"}") is not { } source)
        {
            return;
        }
        var body = await ReadAsync<TwoFactorBody>(context);
        if (body?.Challenge is not { } challenge || challenge == Guid.Empty || string.IsNullOrWhiteSpace(body.Code))
        {
            var fieldErrors = new Dictionary<string, string[]>();
            if (body?.Challenge is null || body.Challenge == Guid.Empty)
            {
                fieldErrors["challenge"] = ["The challenge of the password step is required."];
            }
            if (string.IsNullOrWhiteSpace(body?.Code))
            {
                fieldErrors["code"] = ["Enter the 6-digit code from your authenticator app."];
            }
            await errors.WriteInvalidBodyAsync(context, "Challenge and code required",
                "Send a JSON body {\"challenge\": \"...\", \"code\": \"123456\"}.", fieldErrors);
            return;
        }
        var request = new TwoFactorSignInRequest(challenge, body.Code, source.ToString(), UserAgent(context));
        await AnswerAsync(context, await identity.SignInWithCodeAsync(request, context.RequestAborted), sessions, errors);
    }

    /// <summary>
    /// The caller's User-Agent for the session's record (the browser's: the web app passes it on), at most
    /// <see cref="MaxUserAgentLength"/> characters; null when there is none.
    /// </summary>
    internal static string? UserAgent(HttpContext context)
    {
        var userAgent = context.Request.Headers.UserAgent.ToString().Trim();
        return userAgent.Length switch
        {
            0 => null,
            > MaxUserAgentLength => userAgent[..MaxUserAgentLength],
            _ => userAgent,
        };
    }

    /// <summary>
    /// The per-address limit and the content type every sign-in step checks first; the caller's address, or null
    /// when the answer is written already.
    /// </summary>
    private static async Task<IPAddress?> AdmitAsync(HttpContext context, GatewayRateLimiters limiters,
        GatewayErrorWriter errors, string example)
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
            return null;
        }

        if (!context.Request.HasJsonContentType())
        {
            await errors.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "JSON expected",
                $"Send the credentials as application/json: {example}.");
            return null;
        }
        return source;
    }

    private static async Task AnswerAsync(HttpContext context, SignInResult result, SessionTokens sessions,
        GatewayErrorWriter errors)
    {
        switch (result)
        {
            case SignInResult.SignedIn(var session):
                var (token, expiresAt) = sessions.Issue(session);
                var user = session.User;
                // A credential: no cache may keep it.
                context.Response.Headers.CacheControl = "no-store";
                await context.Response.WriteAsJsonAsync(new SignInResponse(token, expiresAt,
                    new SignedInUser(user.Id, user.Name, user.Email, user.OrgId, user.Role),
                    session.TwoFactorEnrollmentRequired));
                return;
            case SignInResult.TwoFactorRequired(var challenge):
                context.Response.Headers.CacheControl = "no-store";
                await context.Response.WriteAsJsonAsync(
                    new TwoFactorRequiredResponse(true, challenge.ChallengeId, challenge.ExpiresAt));
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

    private static async Task<T?> ReadAsync<T>(HttpContext context) where T : class
    {
        try
        {
            return await context.Request.ReadFromJsonAsync<T>(context.RequestAborted);
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

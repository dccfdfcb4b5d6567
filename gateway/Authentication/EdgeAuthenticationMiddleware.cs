using BillingOne.BuildingBlocks.Security;
using BillingOne.Gateway.Errors;
using BillingOne.Gateway.Routing;
using BillingOne.Gateway.Security;
using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Model;

namespace BillingOne.Gateway.Authentication;

/// <summary>
/// Authentication at the edge, for every proxied route not marked anonymous (<see cref="RouteMetadata.Anonymous"/>):
/// the caller's API key or session is checked, the caller's credentials are removed, and the service gets
/// <c>Authorization: Bearer &lt;internal token&gt;</c> saying who acts, for which organization, with which role.
/// The authenticated caller is left in <see cref="AuthenticatedCaller"/> for the rate limiter.
/// </summary>
public sealed class EdgeAuthenticationMiddleware(
    RequestDelegate next,
    SigningKeys keys,
    TimeProvider clock,
    GatewayErrorWriter errors)
{
    /// <summary>The identity service's endpoint that sets or clears a session's client scope.</summary>
    public const string SessionClientScopePath = "/api/identity/session/client-scope";

    /// <summary>What a session that must set up two-factor first may reach: the user's own account.</summary>
    public const string EnrollmentPathPrefix = "/api/identity/me";

    /// <summary>The identity service's endpoint that turns two-factor on.</summary>
    public const string TwoFactorConfirmPath = "/api/identity/me/two-factor/confirm";

    public async Task InvokeAsync(HttpContext context, CredentialAuthenticator authenticator, LookupCache cache)
    {
        if (RouteAccess.IsAnonymous(context.GetReverseProxyFeature().Route.Config))
        {
            await next(context);
            return;
        }

        var read = CallerCredentials.Read(context.Request);
        if (read.IsMissing)
        {
            await errors.WriteUnauthorizedAsync(context, credentialSent: false,
                $"Send an API key (Authorization: Bearer <key> or {CallerCredentials.ApiKeyHeader}: <key>) or a session token (Authorization: Bearer <token>).");
            return;
        }
        if (read.Credential is not { } credential)
        {
            await errors.WriteUnauthorizedAsync(context, credentialSent: true, read.Problem!);
            return;
        }

        switch (await authenticator.AuthenticateAsync(credential, context.RequestAborted))
        {
            case AuthenticationOutcome.Refused refused:
                await errors.WriteUnauthorizedAsync(context, credentialSent: true, refused.Reason);
                return;
            case AuthenticationOutcome.Unavailable unavailable:
                await errors.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Authentication unavailable",
                    $"{unavailable.Reason} Try again shortly.");
                return;
            case AuthenticationOutcome.Authenticated { EnrollmentOnly: true }
                when !context.Request.Path.StartsWithSegments(EnrollmentPathPrefix, StringComparison.OrdinalIgnoreCase):
                await errors.WriteAsync(context, StatusCodes.Status403Forbidden, "Two-factor setup required",
                    "Your organization requires two-factor sign-in: set up an authenticator app in Settings → Security first.");
                return;
            case AuthenticationOutcome.Authenticated authenticated:
                CallerCredentials.Remove(context.Request);
                context.Request.Headers[HeaderNames.Authorization] =
                    $"Bearer {InternalTokens.Issue(authenticated.Caller, keys.InternalToken, clock.GetUtcNow())}";
                context.Features.Set(new AuthenticatedCaller(authenticated.Caller));
                await next(context);
                if (authenticated.Caller.SessionId is { } sessionId && (ChangedClientScope(context)
                        || (authenticated.EnrollmentOnly && TurnedTwoFactorOn(context))))
                {
                    // The remembered lookup carries the old scope (or the enrollment gate): the session's next
                    // request must see the new state.
                    cache.Remove(CredentialAuthenticator.SessionCacheKey(sessionId));
                }
                return;
        }
    }

    private static bool TurnedTwoFactorOn(HttpContext context) =>
        HttpMethods.IsPost(context.Request.Method)
        && context.Request.Path.Equals(TwoFactorConfirmPath, StringComparison.OrdinalIgnoreCase)
        && context.Response.StatusCode is >= 200 and < 300;

    private static bool ChangedClientScope(HttpContext context) =>
        (HttpMethods.IsPut(context.Request.Method) || HttpMethods.IsDelete(context.Request.Method))
        && context.Request.Path.Equals(SessionClientScopePath, StringComparison.OrdinalIgnoreCase)
        && context.Response.StatusCode is >= 200 and < 300;
}

/// <summary>Who the gateway authenticated for this request (a request feature).</summary>
public sealed record AuthenticatedCaller(InternalTokenClaims Claims);

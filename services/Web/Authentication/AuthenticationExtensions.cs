using BillingOne.Web.Api;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BillingOne.Web.Authentication;

/// <summary>
/// Cookie sign-in for the web UI. The gateway authenticates the person and issues a session token; the web app
/// keeps that token in its own (encrypted) auth cookie and sends it to the gateway on every call.
/// </summary>
public static class AuthenticationExtensions
{
    public const string CookieName = "BillingOne.Session";

    public static IServiceCollection AddWebAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = CookieName;
                options.Cookie.HttpOnly = true;
                // Lax, not Strict: the cookie is not sent with cross-site POSTs (the CSRF that matters, with
                // antiforgery on every form besides), yet a link from an email or a ticket to a BillingOne page
                // opens it signed in instead of on the sign-in page.
                options.Cookie.SameSite = SameSiteMode.Lax;
                // Secure whenever the browser's request was HTTPS, which behind the gateway (and an ingress ending
                // TLS) only X-Forwarded-Proto from a trusted proxy tells: see AddTrustedForwardedHeaders.
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.LoginPath = SignInUrls.SignInPath;
                options.ReturnUrlParameter = SignInUrls.ReturnUrlParameter;
                // The session ends when the gateway's token expires (set per sign-in); sliding it would keep a
                // cookie whose token the gateway no longer accepts.
                options.SlidingExpiration = false;
                options.Events.OnRedirectToLogin = RedirectToSignInRelatively;
            });

        // Everything needs a signed-in user unless it says otherwise ([AllowAnonymous] on the sign-in page, the
        // static assets, the health probes), so a page or endpoint added later is not public by accident.
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.AddCascadingAuthenticationState();

        services.AddScoped<SessionTokenHolder>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, SessionTokenCircuitHandler>());
        return services;
    }

    /// <summary>
    /// The cookie handler's own redirect is absolute, built from the Host the web app was called with. Behind the
    /// gateway that is the web app's private address (the proxy does not pass the browser's Host on), so the
    /// browser would leave the gateway. A path-only Location keeps it where it is, whatever the topology.
    /// </summary>
    private static Task RedirectToSignInRelatively(RedirectContext<CookieAuthenticationOptions> context)
    {
        if (context.Request.Headers.XRequestedWith == "XMLHttpRequest")
        {
            // A script asked, not a person: as the default handler does, answer 401 instead of a page.
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        }

        context.Response.Redirect(new Uri(context.RedirectUri, UriKind.RelativeOrAbsolute) is { IsAbsoluteUri: true } absolute
            ? absolute.PathAndQuery
            : context.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>Authentication, authorization, and the request scope's session token for gateway calls.</summary>
    public static WebApplication UseWebAuthentication(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseSessionTokenCapture();
        app.UseTwoFactorEnrollmentGate();
        return app;
    }

    /// <summary>
    /// While the organization requires two-factor of a signed-in user who has none (<see
    /// cref="SessionClaims.TwoFactorEnrollment"/>), every page they open sends them to Settings → Security; sign-out
    /// and the page itself stay reachable. Only page navigations (GET asking for HTML) are sent: scripts, styles and
    /// the circuit are not pages.
    /// </summary>
    public static IApplicationBuilder UseTwoFactorEnrollmentGate(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var request = context.Request;
            if (HttpMethods.IsGet(request.Method)
                && SessionClaims.MustEnrollTwoFactor(context.User)
                && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase)
                && !request.Path.StartsWithSegments(SignInUrls.TwoFactorEnrollmentPath, StringComparison.OrdinalIgnoreCase)
                && !request.Path.StartsWithSegments("/auth", StringComparison.OrdinalIgnoreCase)
                && !request.Path.StartsWithSegments(SignInUrls.SignInPath, StringComparison.OrdinalIgnoreCase))
            {
                context.Response.Redirect(SignInUrls.TwoFactorEnrollmentPath);
                return Task.CompletedTask;
            }
            return next(context);
        });

    /// <summary>
    /// <c>GET /auth/two-factor-enrolled</c>: once the identity service says two-factor is on, the auth cookie is issued
    /// again without <see cref="SessionClaims.TwoFactorEnrollment"/> (same token, same expiry) and the user goes to
    /// the dashboard; otherwise back to Settings → Security.
    /// </summary>
    public static IEndpointRouteBuilder MapTwoFactorEnrolled(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(SignInUrls.TwoFactorEnrolledPath, async (HttpContext context, GatewayClient gateway) =>
        {
            if (!SessionClaims.MustEnrollTwoFactor(context.User))
            {
                return Results.LocalRedirect("~/");
            }
            TwoFactorStatus status;
            try
            {
                status = await gateway.GetMyTwoFactorAsync(context.RequestAborted);
            }
            catch (ApiProblemException)
            {
                return Results.LocalRedirect("~" + SignInUrls.TwoFactorEnrollmentPath);
            }
            if (!status.Enabled)
            {
                return Results.LocalRedirect("~" + SignInUrls.TwoFactorEnrollmentPath);
            }
            var current = await context.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
                SessionClaims.WithoutTwoFactorEnrollment(context.User),
                current.Properties ?? new AuthenticationProperties());
            return Results.LocalRedirect("~/");
        });
        return endpoints;
    }

    /// <summary>Gives the request's <see cref="SessionTokenHolder"/> the token from the auth cookie.</summary>
    public static IApplicationBuilder UseSessionTokenCapture(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.RequestServices.GetRequiredService<SessionTokenHolder>().Capture(context.User);
            return next(context);
        });

    /// <summary>
    /// <c>POST /auth/sign-out</c>: ends the session on the server, removes the auth cookie and shows the sign-in
    /// page. A form post (not a link) so that prefetching cannot sign anyone out.
    /// </summary>
    public static IEndpointRouteBuilder MapSignOut(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(SignInUrls.SignOutPath, async (HttpContext context, GatewayClient gateway, ILoggerFactory logs) =>
            {
                if (context.User.Identity?.IsAuthenticated == true)
                {
                    try
                    {
                        await gateway.SignOutAsync(context.RequestAborted);
                    }
                    catch (ApiProblemException problem)
                    {
                        // The browser forgets the cookie anyway; the server-side session then ends at its idle timeout.
                        logs.CreateLogger(typeof(AuthenticationExtensions)).LogWarning(
                            "The session could not be ended on the server: {Status} {Title}", problem.Problem.Status,
                            problem.Problem.Title);
                    }
                }
                await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                return Results.LocalRedirect("~" + SignInUrls.SignInPath);
            })
            .AllowAnonymous();
        return endpoints;
    }
}

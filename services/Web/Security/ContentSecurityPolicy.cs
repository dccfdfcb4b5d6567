using System.Security.Cryptography;

namespace BillingOne.Web.Security;

/// <summary>
/// The pages' Content-Security-Policy: everything from this origin only, no plugins, no framing, forms posting
/// only here. Scripts are the app's own files plus the one inline script Blazor writes (the import map), which
/// carries this request's nonce; no 'unsafe-inline' or 'unsafe-eval'. connect-src 'self' covers the circuit's
/// WebSocket. The gateway adds nosniff, Referrer-Policy and the rest to every answer.
/// </summary>
public static class ContentSecurityPolicy
{
    private const string NonceKey = "BillingOne.CspNonce";

    /// <summary>This request's nonce, for an inline script the page must write.</summary>
    public static string Nonce(HttpContext context) =>
        context.Items[NonceKey] as string ?? throw new InvalidOperationException("UseContentSecurityPolicy() has not run.");

    public static string For(string nonce) =>
        "default-src 'self'; " +
        $"script-src 'self' 'nonce-{nonce}'; " +
        "style-src 'self'; " +
        // The favicon is a data: URL, so the browser asks for none; an organization's logo (Settings → Branding) is
        // an https URL of its own choosing.
        "img-src 'self' data: https:; " +
        "connect-src 'self'; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'";

    public static IApplicationBuilder UseContentSecurityPolicy(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));
            context.Items[NonceKey] = nonce;
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.ContentSecurityPolicy = For(nonce);
                return Task.CompletedTask;
            });
            return next(context);
        });
}

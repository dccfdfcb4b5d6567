namespace BillingOne.Gateway.Security;

/// <summary>
/// Headers every answer of the gateway carries, whichever service wrote it: browsers must not guess content types
/// (a JSON error rendered as HTML), leak paths with ids in the Referer to other sites, or frame the app; and API
/// answers and CSV exports — billing data — are never kept in a browser's or a proxy's cache and carry a CSP that
/// allows nothing. The web UI's pages bring their own CSP (with a per-request nonce only the web app knows). Every
/// answer also denies device features (Permissions-Policy), isolates the browsing context and its resources from other
/// sites (COOP, CORP), and, served over https, tells the browser to keep to https (HSTS).
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            // No page of the app uses a device feature, opens another site's window or is loaded by another site.
            headers["Permissions-Policy"] = PermissionsPolicy;
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
            // Only over https (directly, or X-Forwarded-Proto from a trusted proxy, read by the time the answer starts):
            // a browser told to insist on https for a plain-http loopback run would lock the developer out.
            if (context.Request.IsHttps)
            {
                headers.StrictTransportSecurity = StrictTransportSecurity;
            }
            if (IsData(context))
            {
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
                // Data is never a document: nothing in it may load, run or be framed, even if a browser renders it.
                headers.ContentSecurityPolicy = ApiContentSecurityPolicy;
            }
            return Task.CompletedTask;
        });
        return next(context);
    }

    public const string ApiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

    public const string PermissionsPolicy =
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";

    public const string StrictTransportSecurity = "max-age=31536000; includeSubDomains";

    private static bool IsData(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api")
        || context.Request.Path.StartsWithSegments("/auth/sign-in")
        || context.Request.Path.StartsWithSegments("/auth/session")
        || context.Request.Path.StartsWithSegments("/openapi")
        || context.Response.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true;
}

using BillingOne.Web.Api;

namespace BillingOne.Web.BrandingStyles;

/// <summary>
/// <c>GET /branding/accent.css?color=rrggbb</c>: the rule that makes an accent colour the primary accent of what carries
/// its class (<see cref="ClassFor"/>). The pages' Content-Security-Policy allows this origin's stylesheets and no inline
/// styles, so a colour chosen in Settings → Branding reaches the CSS this way. The answer depends on the colour alone:
/// the same for everyone, cached for good.
/// </summary>
public static class AccentStylesheetEndpoint
{
    public const string RelativePath = "branding/accent.css";

    /// <summary>The class that takes the accent, or null for the default: only a plain <c>#RRGGBB</c> makes one.</summary>
    public static string? ClassFor(string? accentColor) => Digits(accentColor) is { } digits ? $"accent-{digits}" : null;

    /// <summary>The stylesheet that defines <see cref="ClassFor"/>'s class, or null for the default.</summary>
    public static string? HrefFor(string? accentColor) => Digits(accentColor) is { } digits ? $"{RelativePath}?color={digits}" : null;

    public static IEndpointRouteBuilder MapAccentStylesheet(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/" + RelativePath, Serve).AllowAnonymous();
        return endpoints;
    }

    private static IResult Serve(string? color, HttpContext context)
    {
        if (Digits($"#{color}") is not { } digits)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]>
            {
                ["color"] = ["color must be six hexadecimal digits (RRGGBB)."],
            }, title: "The accent colour is not valid.");
        }
        context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        return Results.Text(
            $".accent-{digits} {{ --color-accent: #{digits}; --color-accent-dark: color-mix(in srgb, #{digits} 80%, black); }}\n",
            "text/css; charset=utf-8");
    }

    private static string? Digits(string? accentColor) =>
        Branding.IsHexColor(accentColor) ? accentColor![1..].ToLowerInvariant() : null;
}

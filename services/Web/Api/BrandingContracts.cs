using System.Text.RegularExpressions;

namespace BillingOne.Web.Api;

// The identity service's organization branding:
//   GET   api/identity/organization/branding                        -> Branding
//   PATCH api/identity/organization/branding  UpdateBrandingRequest -> Branding (400 with errors keyed by member)

/// <summary>How the organization's BillingOne looks; a null member is the default.</summary>
public sealed partial record Branding(
    string OrganizationName, string? DisplayName, string? AccentColor, string? LogoUrl, string? SupportEmail)
{
    /// <summary>What the header shows: the branding's name, else the organization's.</summary>
    public string HeaderName => DisplayName ?? OrganizationName;

    /// <summary>
    /// The accent colour when it is a plain <c>#RRGGBB</c>, else null: it becomes a class and a stylesheet's rule, so
    /// nothing else may reach the CSS even should the service answer it.
    /// </summary>
    public string? SafeAccentColor => IsHexColor(AccentColor) ? AccentColor : null;

    /// <summary>The logo's URL when it is absolute https, else null (no other scheme reaches an img).</summary>
    public string? SafeLogoUrl => IsHttpsUrl(LogoUrl) ? LogoUrl : null;

    public static bool IsHexColor(string? value) => value is not null && HexColor().IsMatch(value);

    public static bool IsHttpsUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps;

    [GeneratedRegex("^#[0-9A-Fa-f]{6}\\z")]
    private static partial Regex HexColor();
}

/// <summary>Every member is sent: null restores its default.</summary>
public sealed record UpdateBrandingRequest(string? DisplayName, string? AccentColor, string? LogoUrl, string? SupportEmail);

using System.Text.RegularExpressions;

namespace BillingOne.Identity.Domain;

/// <summary>A member an edit gives; <see cref="Value"/> null clears it back to the default.</summary>
public sealed record BrandingValue(string? Value);

/// <summary>
/// What a branding edit sets: a null member stays as it is, a <see cref="BrandingValue"/> replaces it. Values are
/// already validated and normalized.
/// </summary>
public sealed partial record BrandingChanges(
    BrandingValue? DisplayName, BrandingValue? AccentColor, BrandingValue? LogoUrl, BrandingValue? SupportEmail)
{
    public const string DisplayNameField = "displayName";
    public const string AccentColorField = "accentColor";
    public const string LogoUrlField = "logoUrl";
    public const string SupportEmailField = "supportEmail";

    public static readonly IReadOnlyList<string> Fields = [DisplayNameField, AccentColorField, LogoUrlField, SupportEmailField];

    /// <summary>
    /// Validates an edit given as the members it names (JSON names; a null value clears): at least one member, each
    /// given one valid. Errors are keyed by the JSON property they concern.
    /// </summary>
    public static BrandingChanges? ForEdit(IReadOnlyDictionary<string, string?> given, IDictionary<string, string[]> errors)
    {
        if (given.Count == 0)
        {
            errors[string.Empty] = [$"Give at least one of {string.Join(", ", Fields.Select(field => $"'{field}'"))} to change."];
            return null;
        }
        var changes = new BrandingChanges(
            Validate(given, DisplayNameField, NormalizeDisplayName, errors),
            Validate(given, AccentColorField, NormalizeAccentColor, errors),
            Validate(given, LogoUrlField, NormalizeLogoUrl, errors),
            Validate(given, SupportEmailField, NormalizeSupportEmail, errors));
        return errors.Count == 0 ? changes : null;
    }

    private delegate string? Normalizer(string value, out string? error);

    private static BrandingValue? Validate(IReadOnlyDictionary<string, string?> given, string field, Normalizer normalize,
        IDictionary<string, string[]> errors)
    {
        if (!given.TryGetValue(field, out var value))
        {
            return null;
        }
        if (value is null)
        {
            return new BrandingValue(null);
        }
        var normalized = normalize(value, out var error);
        if (error is not null)
        {
            errors[field] = [error];
        }
        return new BrandingValue(normalized);
    }

    private static string? NormalizeDisplayName(string value, out string? error)
    {
        var normalized = BuildingBlocks.Validation.DisplayName.Normalize(value, OrganizationBranding.MaxDisplayNameLength, out error);
        if (error is not null)
        {
            error = $"{error} Send null to show the organization's name.";
        }
        return normalized;
    }

    private static string? NormalizeAccentColor(string value, out string? error)
    {
        var trimmed = value.Trim();
        if (!HexColor().IsMatch(trimmed))
        {
            error = "accentColor must be a hex colour '#RRGGBB' such as '#2563EB'; send null for the default.";
            return null;
        }
        error = null;
        return trimmed.ToUpperInvariant();
    }

    /// <summary>
    /// Only absolute https URLs: the browser loads the logo on every page, so no other scheme (javascript:, data:,
    /// plain http) and nothing relative to BillingOne itself.
    /// </summary>
    private static string? NormalizeLogoUrl(string value, out string? error)
    {
        var trimmed = value.Trim();
        error = trimmed switch
        {
            _ when trimmed.Length > OrganizationBranding.MaxLogoUrlLength =>
                $"logoUrl must be at most {OrganizationBranding.MaxLogoUrlLength} characters.",
            _ when trimmed.Any(character => char.IsWhiteSpace(character) || char.IsControl(character)) =>
                "logoUrl must not contain spaces or control characters.",
            _ when !Uri.TryCreate(trimmed, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps
                || string.IsNullOrEmpty(url.Host) || url.UserInfo.Length > 0 =>
                "logoUrl must be an absolute https URL such as 'https://example.com/logo.png'; send null for no logo.",
            _ => null,
        };
        // The scheme in lower case, as the database's check reads it.
        return error is null ? Uri.UriSchemeHttps + trimmed[Uri.UriSchemeHttps.Length..] : null;
    }

    private static string? NormalizeSupportEmail(string value, out string? error) =>
        EmailAddress.Normalize(value, out error);

    [GeneratedRegex("^#[0-9A-Fa-f]{6}\\z")]
    private static partial Regex HexColor();
}

namespace BillingOne.Identity.Domain;

/// <summary>
/// How the organization's BillingOne looks to its users. A null member is the default: the organization's name in
/// the header, the product's accent colour, no logo, no support address.
/// </summary>
/// <param name="OrganizationName">The organization's own name, which the header shows while DisplayName is null.</param>
/// <param name="AccentColor">Upper-case <c>#RRGGBB</c>.</param>
/// <param name="LogoUrl">An absolute https URL; the browser loads it, the services never fetch it.</param>
public sealed record OrganizationBranding(
    string OrganizationName,
    string? DisplayName,
    string? AccentColor,
    string? LogoUrl,
    string? SupportEmail)
{
    public const int MaxDisplayNameLength = Organization.MaxNameLength;
    public const int MaxLogoUrlLength = 2048;

    /// <summary>This branding with <paramref name="changes"/> applied, or null when they change nothing.</summary>
    public OrganizationBranding? Apply(BrandingChanges changes)
    {
        var changed = this with
        {
            DisplayName = changes.DisplayName is { } displayName ? displayName.Value : DisplayName,
            AccentColor = changes.AccentColor is { } accentColor ? accentColor.Value : AccentColor,
            LogoUrl = changes.LogoUrl is { } logoUrl ? logoUrl.Value : LogoUrl,
            SupportEmail = changes.SupportEmail is { } supportEmail ? supportEmail.Value : SupportEmail,
        };
        return changed == this ? null : changed;
    }
}

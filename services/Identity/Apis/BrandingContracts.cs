using System.ComponentModel;
using BillingOne.Identity.Domain;

namespace BillingOne.Identity.Apis;

public sealed record BrandingResponse(
    [property: Description("The organization's own name, shown while `displayName` is null.")] string OrganizationName,
    [property: Description("The name the app's header shows; null shows `organizationName`.")] string? DisplayName,
    [property: Description("Accent colour `#RRGGBB` (upper case); null is the product's default.")] string? AccentColor,
    [property: Description("Absolute https URL of the header's logo; null shows none.")] string? LogoUrl,
    [property: Description("Where users write for help; null when not set.")] string? SupportEmail)
{
    public static BrandingResponse From(OrganizationBranding branding) => new(branding.OrganizationName,
        branding.DisplayName, branding.AccentColor, branding.LogoUrl, branding.SupportEmail);
}

/// <summary>The documented shape of a branding edit; the endpoint reads the JSON itself to tell absent from null.</summary>
public sealed record UpdateBrandingRequest(
    [property: Description("1–200 characters; null shows the organization's name; absent keeps it.")] string? DisplayName,
    [property: Description("`#RRGGBB`; null restores the default; absent keeps it.")] string? AccentColor,
    [property: Description("Absolute https URL of at most 2048 characters, never fetched by BillingOne; null removes the logo; absent keeps it.")] string? LogoUrl,
    [property: Description("An email address; null removes it; absent keeps it.")] string? SupportEmail);

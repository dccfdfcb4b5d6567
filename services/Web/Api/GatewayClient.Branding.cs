namespace BillingOne.Web.Api;

/// <summary>The organization's branding (Settings → Branding, and the layout's header).</summary>
public sealed partial class GatewayClient
{
    public const string BrandingPath = $"{OrganizationPath}/branding";

    public Task<Branding> GetBrandingAsync(CancellationToken cancellationToken) =>
        Get<Branding>(BrandingPath, cancellationToken);

    public Task<Branding> UpdateBrandingAsync(UpdateBrandingRequest change, CancellationToken cancellationToken) =>
        SendAsync<Branding>(
            () => new HttpRequestMessage(HttpMethod.Patch, BrandingPath) { Content = Json(change) }, cancellationToken);
}

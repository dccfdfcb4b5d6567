using BillingOne.Web.Api;
using BillingOne.Web.Authentication;
using BillingOne.Web.Components.Layout;
using Microsoft.AspNetCore.Components;

namespace BillingOne.Web.Components.Pages.Settings;

/// <summary>
/// Settings → Branding: the name, accent colour and logo the header shows, and the support email. Owners and admins
/// change them; everyone else sees them read-only. The identity service validates; its messages show by field.
/// </summary>
public sealed partial class BrandingTab : GatewayComponentBase
{
    private const string DisplayNameField = "displayName";
    private const string AccentColorField = "accentColor";
    private const string LogoUrlField = "logoUrl";
    private const string SupportEmailField = "supportEmail";
    private static readonly string[] AllFields = [DisplayNameField, AccentColorField, LogoUrlField, SupportEmailField];

    private CurrentUser user = new(null, string.Empty, null);
    private BrandingForm? form;
    private ApiProblem? loadProblem;
    private ApiProblem? saveProblem;
    private string? status;
    private bool isSaving;

    /// <summary>The layout's branding, told of a save so the header changes with it.</summary>
    [CascadingParameter]
    public LayoutBranding? LayoutBranding { get; set; }

    private string PreviewName => Blank(form!.DisplayName) ?? form.OrganizationName;

    private string? PreviewAccentColor => Blank(form!.AccentColor) is { } color && Branding.IsHexColor(color) ? color : null;

    private string? PreviewLogoUrl => Blank(form!.LogoUrl) is { } url && Branding.IsHttpsUrl(url) ? url : null;

    protected override async Task OnInitializedAsync()
    {
        user = await GetCurrentUserAsync();
        var loaded = await CallAsync(Gateway.GetBrandingAsync);
        form = loaded.Value is { } branding ? BrandingForm.From(branding) : null;
        loadProblem = loaded.Problem;
    }

    private async Task SaveAsync()
    {
        saveProblem = null;
        status = null;
        var request = form!.ToRequest();
        isSaving = true;
        var saved = await CallAsync(cancellationToken => Gateway.UpdateBrandingAsync(request, cancellationToken));
        isSaving = false;
        saveProblem = saved.Problem;
        if (saved.Value is { } branding)
        {
            form = BrandingForm.From(branding);
            status = "Saved.";
            LayoutBranding?.Show(branding);
        }
    }

    /// <summary>Clears the form to every default; nothing changes until it is saved.</summary>
    private void ResetToDefaults()
    {
        form = form! with { DisplayName = null, AccentColor = null, LogoUrl = null, SupportEmail = null };
        saveProblem = null;
        status = "Defaults restored in the form: save to apply them.";
    }

    private IReadOnlyList<string> ErrorsFor(string field) => saveProblem?.ErrorsFor(field) ?? [];

    private string? Invalid(string field) => ErrorsFor(field).Count > 0 ? "true" : null;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private sealed record BrandingForm(string OrganizationName)
    {
        public string? DisplayName { get; set; }
        public string? AccentColor { get; set; }
        public string? LogoUrl { get; set; }
        public string? SupportEmail { get; set; }

        public static BrandingForm From(Branding branding) => new(branding.OrganizationName)
        {
            DisplayName = branding.DisplayName,
            AccentColor = branding.AccentColor,
            LogoUrl = branding.LogoUrl,
            SupportEmail = branding.SupportEmail,
        };

        /// <summary>A blank field is the default, sent as null.</summary>
        public UpdateBrandingRequest ToRequest() =>
            new(Blank(DisplayName), Blank(AccentColor), Blank(LogoUrl), Blank(SupportEmail));
    }
}

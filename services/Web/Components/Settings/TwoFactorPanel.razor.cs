using BillingOne.Web.Api;
using BillingOne.Web.Authentication;
using Microsoft.AspNetCore.Components;
using QRCoder;

namespace BillingOne.Web.Components.Settings;

/// <summary>
/// Settings → Security's two-factor part: the signed-in user sets up an authenticator (a new key shown once, as a QR
/// code and as text, turned on only by a first code), or turns it off with a current code or their password. Owners
/// and admins also see the organization's switch that requires two-factor of everyone. The identity service checks
/// every code; nothing here computes one.
/// </summary>
public sealed partial class TwoFactorPanel : GatewayComponentBase
{
    private const string CodeField = "code";
    private const string PasswordField = "password";
    private static readonly string[] AllFields = [CodeField, PasswordField];

    private TwoFactorStatus? status;
    private TwoFactorEnrollment? enrollment;
    private string? qrCode;
    private Organization? organization;
    private bool canAdminister;
    private ApiProblem? loadProblem;
    private ApiProblem? problem;
    private ApiProblem? organizationProblem;
    private string? message;
    private string? organizationMessage;
    private string confirmCode = string.Empty;
    private string disableCode = string.Empty;
    private string disablePassword = string.Empty;
    private bool isBusy;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    /// <summary>Told when two-factor is turned on, so the page can leave the enrollment the organization required.</summary>
    [Parameter]
    public EventCallback OnEnabled { get; set; }

    protected override async Task OnInitializedAsync()
    {
        var loaded = await CallAsync(Gateway.GetMyTwoFactorAsync);
        status = loaded.Value;
        loadProblem = loaded.Problem;
        canAdminister = (await GetCurrentUserAsync()).CanAdminister;
        if (canAdminister)
        {
            organization = (await CallAsync(Gateway.GetOrganizationAsync)).Value;
        }
    }

    private async Task EnrollAsync()
    {
        await RunAsync(async cancellationToken =>
        {
            enrollment = await Gateway.EnrollMyTwoFactorAsync(cancellationToken);
            qrCode = QrCodeOf(enrollment.OtpAuthUri);
        });
    }

    private async Task ConfirmAsync()
    {
        var code = confirmCode;
        var confirmed = await RunAsync(async cancellationToken =>
            status = await Gateway.ConfirmMyTwoFactorAsync(code, cancellationToken));
        if (confirmed)
        {
            // The key must not linger in the circuit once the app has it.
            enrollment = null;
            qrCode = null;
            confirmCode = string.Empty;
            message = "Two-factor is on: sign-in will ask for a code from now on.";
            await OnEnabled.InvokeAsync();
            if (SessionClaims.MustEnrollTwoFactor(await GetPrincipalAsync()))
            {
                // The organization required it: the rest of BillingOne opens now (the cookie is issued again).
                Navigation.NavigateTo(SignInUrls.TwoFactorEnrolledPath, forceLoad: true);
            }
        }
    }

    private async Task DisableAsync()
    {
        var proof = new DisableTwoFactor(
            string.IsNullOrWhiteSpace(disableCode) ? null : disableCode,
            string.IsNullOrWhiteSpace(disableCode) ? disablePassword : null);
        var disabled = await RunAsync(async cancellationToken =>
            status = await Gateway.DisableMyTwoFactorAsync(proof, cancellationToken));
        disablePassword = string.Empty;
        if (disabled)
        {
            disableCode = string.Empty;
            message = "Two-factor is off.";
        }
    }

    private async Task SetRequiredAsync(ChangeEventArgs change)
    {
        var required = change.Value is true;
        organizationMessage = null;
        isBusy = true;
        var saved = await CallAsync(cancellationToken => Gateway.SetRequireTwoFactorAsync(required, cancellationToken));
        isBusy = false;
        organizationProblem = saved.Problem;
        if (saved.Value is { } updated)
        {
            organization = updated;
            organizationMessage = updated.RequireTwoFactor
                ? "Everyone must now sign in with two-factor."
                : "Two-factor is now up to each person.";
        }
    }

    /// <summary>Runs a call with the form disabled and its problem shown; whether it succeeded.</summary>
    private async Task<bool> RunAsync(Func<CancellationToken, Task> call)
    {
        message = null;
        problem = null;
        isBusy = true;
        var outcome = await CallAsync(call);
        isBusy = false;
        problem = outcome.Problem;
        return outcome.Succeeded;
    }

    private IReadOnlyList<string> ErrorsFor(string field) => problem?.ErrorsFor(field) ?? [];

    private string? Invalid(string field) => ErrorsFor(field).Count > 0 ? "true" : null;

    /// <summary>The key in groups of four, as authenticator apps show keys.</summary>
    private static string FormatSecret(string secret) =>
        string.Join(' ', secret.Chunk(4).Select(group => new string(group)));

    /// <summary>A PNG data: URI of the QR code carrying <paramref name="uri"/> (the CSP allows data: images).</summary>
    internal static string QrCodeOf(string uri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
    }
}

using BillingOne.Web.Api;

namespace BillingOne.Web.Components.Pages.Settings;

/// <summary>
/// Settings → Security: the signed-in user changes their own password. The identity service checks the current one
/// (wrong ones count as failed sign-ins) and the new one's rules; only the confirmation is checked here, since a
/// mistyped new password would lock the user out of their next sign-in.
/// </summary>
public sealed partial class SecurityTab : GatewayComponentBase
{
    /// <summary>The identity service's rule, shown as a hint; the service enforces it.</summary>
    private const int MinPasswordLength = 12;

    private const string CurrentPasswordField = "currentPassword";
    private const string NewPasswordField = "newPassword";
    private const string ConfirmField = "confirmPassword";
    private static readonly string[] AllFields = [CurrentPasswordField, NewPasswordField, ConfirmField];

    private PasswordForm form = new();
    private ApiProblem? problem;
    private string? confirmationMismatch;
    private string? status;
    private bool isSaving;

    private async Task ChangePasswordAsync()
    {
        status = null;
        problem = null;
        confirmationMismatch = form.NewPassword == form.Confirmation
            ? null
            : "The new password and its confirmation differ.";
        if (confirmationMismatch is not null)
        {
            return;
        }
        var request = new ChangePasswordRequest(form.CurrentPassword, form.NewPassword);
        isSaving = true;
        var changed = await CallAsync(cancellationToken => Gateway.ChangeMyPasswordAsync(request, cancellationToken));
        isSaving = false;
        problem = changed.Problem;
        if (changed.Value is { } result)
        {
            // The passwords must not linger in the circuit's memory longer than needed.
            form = new PasswordForm();
            status = result.EndedSessions == 0
                ? "Password changed."
                : $"Password changed. {result.EndedSessions} other session(s) were signed out.";
        }
    }

    private IReadOnlyList<string> ErrorsFor(string field) => field == ConfirmField && confirmationMismatch is not null
        ? [confirmationMismatch]
        : problem?.ErrorsFor(field) ?? [];

    private string? Invalid(string field) => ErrorsFor(field).Count > 0 ? "true" : null;

    private sealed class PasswordForm
    {
        public string CurrentPassword { get; set; } = string.Empty;
        public string NewPassword { get; set; } = string.Empty;
        public string Confirmation { get; set; } = string.Empty;
    }
}

using BillingOne.Web.Api;

namespace BillingOne.Web.Components.Pages.Settings;

/// <summary>
/// Settings → Profile: the signed-in user's own name, which any role may change, and what they are in the
/// organization. The email is the sign-in identity and stays read-only here. The identity service validates.
/// </summary>
public sealed partial class ProfileTab : GatewayComponentBase
{
    private const string NameField = "name";

    private MyProfile? profile;
    private string name = string.Empty;
    private ApiProblem? loadProblem;
    private ApiProblem? saveProblem;
    private string? status;
    private bool isSaving;

    protected override async Task OnInitializedAsync()
    {
        var loaded = await CallAsync(Gateway.GetMyProfileAsync);
        Show(loaded.Value);
        loadProblem = loaded.Problem;
    }

    private async Task SaveAsync()
    {
        saveProblem = null;
        status = null;
        var request = new UpdateMyProfileRequest(name);
        isSaving = true;
        var saved = await CallAsync(cancellationToken => Gateway.UpdateMyProfileAsync(request, cancellationToken));
        isSaving = false;
        saveProblem = saved.Problem;
        if (saved.Value is not null)
        {
            Show(saved.Value);
            status = "Saved. The header shows the new name from your next sign-in.";
        }
    }

    private void Show(MyProfile? loaded)
    {
        profile = loaded;
        name = loaded?.Name ?? string.Empty;
    }

    private IReadOnlyList<string> ErrorsFor(string field) => saveProblem?.ErrorsFor(field) ?? [];

    private string? Invalid(string field) => ErrorsFor(field).Count > 0 ? "true" : null;
}

using BillingOne.Web.Api;
using BillingOne.Web.Authentication;
using BillingOne.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace BillingOne.Web.Components.Pages;

/// <summary>
/// API Keys: the organization's keys (the seed's columns), creating one — whose plain value is shown once, here,
/// and kept nowhere else — and enabling, disabling or revoking a key after a confirmation.
/// </summary>
public sealed partial class ApiKeys : GatewayComponentBase
{
    private const string NameField = "name";
    private const string RoleField = "role";
    private const string ClientField = "clientId";
    private static readonly string[] CreateFields = [NameField, RoleField, ClientField];

    private CurrentUser user = new(null, string.Empty, null);
    private IReadOnlyList<ApiKey>? keys;
    private ApiProblem? loadProblem;

    private NewKey newKey = new();
    private string? missingName;
    private bool isCreating;
    private ApiProblem? createProblem;

    private CreatedApiKey? revealed;
    private string? copyStatus;

    private (Guid KeyId, ApiKeyAction Action)? pending;
    private bool isActing;
    private ApiProblem? actionProblem;
    private string? actionStatus;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        user = await GetCurrentUserAsync();
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var loaded = await CallAsync(Gateway.GetApiKeysAsync);
        if (loaded.Abandoned)
        {
            return;
        }

        // Usable keys first, newest first within each group; revoked keys stay listed at the end.
        keys = loaded.Value?.OrderBy(key => key.IsRevoked).ThenByDescending(key => key.CreatedAt).ToList();
        loadProblem = loaded.Problem;
    }

    private IReadOnlyList<string> CreateErrorsFor(string field) =>
        field == NameField && missingName is not null ? [missingName] : createProblem?.ErrorsFor(field) ?? [];

    private string? Invalid(string field) => CreateErrorsFor(field).Count > 0 ? "true" : null;

    private async Task CreateKeyAsync()
    {
        createProblem = null;
        actionStatus = null;
        missingName = string.IsNullOrWhiteSpace(newKey.Name) ? "Name the key after what will use it." : null;
        if (missingName is not null)
        {
            return;
        }

        var request = new CreateApiKeyRequest(newKey.Name.Trim(), newKey.Role, newKey.ClientId);
        isCreating = true;
        var created = await CallAsync(cancellationToken => Gateway.CreateApiKeyAsync(request, cancellationToken));
        isCreating = false;
        if (!created.Succeeded)
        {
            createProblem = created.Problem;
            return;
        }

        revealed = created.Value;
        copyStatus = null;
        newKey = new NewKey();
        await LoadAsync();
    }

    private async Task CopyKeyAsync() =>
        copyStatus = await JS.TryCopyAsync(revealed!.Key, Disposed)
            ? "Copied to the clipboard."
            : "Copying is not allowed here: select the key and copy it.";

    /// <summary>Forgets the plain key: from now on only its prefix is known, here as in the service.</summary>
    private void DismissRevealedKey()
    {
        revealed = null;
        copyStatus = null;
    }

    private void Ask(ApiKey key, ApiKeyAction action)
    {
        actionProblem = null;
        actionStatus = null;
        pending = (key.Id, action);
    }

    private async Task ApplyPendingActionAsync()
    {
        if (pending is not { } action || keys?.FirstOrDefault(key => key.Id == action.KeyId) is not { } key)
        {
            return;
        }

        isActing = true;
        var applied = await CallAsync(cancellationToken => Gateway.ApplyApiKeyActionAsync(key.Id, action.Action, cancellationToken));
        isActing = false;
        pending = null;
        if (applied.Abandoned)
        {
            return;
        }

        actionProblem = applied.Problem;
        actionStatus = applied.Succeeded ? action.Action switch
        {
            ApiKeyAction.Enable => $"“{key.Name}” is enabled.",
            ApiKeyAction.Disable => $"“{key.Name}” is disabled: requests with it are refused until it is enabled again.",
            _ => $"“{key.Name}” is revoked: requests with it are refused for good.",
        } : null;
        await LoadAsync();
    }

    private static string ActionLabel(ApiKeyAction action) => action switch
    {
        ApiKeyAction.Enable => "Enable",
        ApiKeyAction.Disable => "Disable",
        _ => "Revoke",
    };

    private static string ConfirmationMessage(ApiKey key, ApiKeyAction action) => action switch
    {
        ApiKeyAction.Enable => $"Enable “{key.Name}”? Requests with it will be accepted again.",
        ApiKeyAction.Disable => $"Disable “{key.Name}”? Requests with it will be refused until it is enabled again.",
        _ => $"Revoke “{key.Name}”? Requests with it will be refused for good; this cannot be undone.",
    };

    private sealed class NewKey
    {
        public string Name { get; set; } = string.Empty;
        // Least privilege unless the admin picks more.
        public string Role { get; set; } = ApiKeyRoles.ReadOnly;
        public Guid? ClientId { get; set; }
    }
}

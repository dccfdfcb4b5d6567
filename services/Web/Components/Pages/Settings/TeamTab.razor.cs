using BillingOne.Web.Api;
using BillingOne.Web.Authentication;
using Microsoft.AspNetCore.Components;

namespace BillingOne.Web.Components.Pages.Settings;

/// <summary>
/// Settings → Team: the organization's users with their role, access and last sign-in; owners and admins add
/// users, change roles, disable or enable access, and reset the two-factor of a member who lost their authenticator. The identity service enforces the same rules; the page
/// only avoids offering what it would refuse.
/// </summary>
public sealed partial class TeamTab : GatewayComponentBase
{
    private const string EmailField = "email";
    private const string NameField = "name";
    private const string RoleField = "role";
    private const string PasswordField = "password";
    private static readonly string[] CreateFields = [EmailField, NameField, RoleField, PasswordField];

    private CurrentUser user = new(null, string.Empty, null);
    private IReadOnlyList<TeamUser>? users;
    private ApiProblem? loadProblem;

    private NewUser newUser = new();
    private bool isCreating;
    private Dictionary<string, string[]> missingFields = [];
    private ApiProblem? createProblem;
    private string? createStatus;

    private Guid? busyUserId;
    private Guid? confirmingDisable;
    private Guid? confirmingReset;
    private int generation;
    private ApiProblem? actionProblem;
    private string? actionStatus;

    /// <summary>Roles this user may hand out: only an owner makes owners.</summary>
    private IEnumerable<string> AssignableRoles =>
        user.IsOwner ? UserRoles.All : UserRoles.All.Where(role => role != UserRoles.Owner);

    protected override async Task OnInitializedAsync()
    {
        user = await GetCurrentUserAsync();
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var loaded = await CallAsync(Gateway.GetUsersAsync);
        if (loaded.Abandoned)
        {
            return;
        }

        users = loaded.Value?.OrderBy(member => member.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
        loadProblem = loaded.Problem;
    }

    /// <summary>The member's current role stays listed even when this user could not grant it.</summary>
    private IEnumerable<string> RoleChoices(TeamUser member) =>
        AssignableRoles.Contains(member.Role) ? AssignableRoles : AssignableRoles.Prepend(member.Role);

    private IReadOnlyList<string> CreateErrorsFor(string field) =>
        missingFields.TryGetValue(field, out var missing) ? missing : createProblem?.ErrorsFor(field) ?? [];

    private string? Invalid(string field) => CreateErrorsFor(field).Count > 0 ? "true" : null;

    private async Task CreateUserAsync()
    {
        createProblem = null;
        createStatus = null;
        missingFields = newUser.MissingFields();
        if (missingFields.Count > 0)
        {
            return;
        }

        var request = newUser.ToRequest();
        isCreating = true;
        var outcome = await CallAsync(cancellationToken => Gateway.CreateUserAsync(request, cancellationToken));
        isCreating = false;
        if (outcome.Value is not { } created)
        {
            createProblem = outcome.Problem;
            return;
        }

        newUser = new NewUser();
        createStatus = $"Added {created.Name} ({created.Email}) as {RoleLabels.For(created.Role)}. Give them their initial password.";
        await LoadAsync();
    }

    private async Task ChangeRoleAsync(TeamUser member, ChangeEventArgs change)
    {
        if (change.Value is not string role || role == member.Role)
        {
            return;
        }

        await ActAsync(
            member,
            async cancellationToken =>
            {
                await Gateway.UpdateUserAsync(member.Id, new UpdateUserRequest(Role: role), cancellationToken);
                return $"{member.Name} is now {RoleLabels.For(role)}.";
            });
    }

    private void AskToDisable(TeamUser member)
    {
        actionProblem = null;
        actionStatus = null;
        confirmingReset = null;
        confirmingDisable = member.Id;
    }

    private void AskToResetTwoFactor(TeamUser member)
    {
        actionProblem = null;
        actionStatus = null;
        confirmingDisable = null;
        confirmingReset = member.Id;
    }

    private Task ResetTwoFactorAsync(TeamUser member) =>
        ActAsync(
            member,
            async cancellationToken =>
            {
                await Gateway.ResetUserTwoFactorAsync(member.Id, cancellationToken);
                return $"{member.Name}'s two-factor was reset and they were signed out. They sign in with their " +
                    "password and set up an authenticator again.";
            });

    private Task SetEnabledAsync(TeamUser member, bool enabled) =>
        ActAsync(
            member,
            async cancellationToken =>
            {
                await Gateway.SetUserEnabledAsync(member.Id, enabled, cancellationToken);
                return enabled ? $"{member.Name} can sign in again." : $"{member.Name} can no longer sign in.";
            });

    /// <summary>One change to one member at a time; the list is reloaded afterwards so it shows the stored state.</summary>
    private async Task ActAsync(TeamUser member, Func<CancellationToken, Task<string>> action)
    {
        actionProblem = null;
        actionStatus = null;
        busyUserId = member.Id;
        var outcome = await CallAsync(action);
        busyUserId = null;
        confirmingDisable = null;
        confirmingReset = null;
        if (outcome.Abandoned)
        {
            return;
        }

        actionStatus = outcome.Value;
        if (outcome.Problem is { } problem)
        {
            actionProblem = problem;
            // The select still shows the refused choice; rebuilding it shows the role the member kept.
            generation++;
        }

        await LoadAsync();
    }

    private sealed class NewUser
    {
        public string Email { get; set; } = string.Empty;
        public string Name { get; set; } = string.Empty;
        // Least privilege unless the admin picks more.
        public string Role { get; set; } = UserRoles.ReadOnly;
        public string Password { get; set; } = string.Empty;

        /// <summary>Empty fields, caught here so the form answers at once; the service checks everything else.</summary>
        public Dictionary<string, string[]> MissingFields()
        {
            var missing = new Dictionary<string, string[]>();
            if (string.IsNullOrWhiteSpace(Email))
            {
                missing[EmailField] = ["Enter the user's email address."];
            }

            if (string.IsNullOrWhiteSpace(Name))
            {
                missing[NameField] = ["Enter the user's name."];
            }

            if (string.IsNullOrEmpty(Password))
            {
                missing[PasswordField] = ["Enter an initial password."];
            }

            return missing;
        }

        public CreateUserRequest ToRequest() => new(Email.Trim(), Name.Trim(), Role, Password);
    }
}

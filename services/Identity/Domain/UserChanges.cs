using BillingOne.BuildingBlocks.Validation;

namespace BillingOne.Identity.Domain;

/// <summary>What a user update sets; null members stay as they are. Values are already validated.</summary>
public sealed record UserChanges(string? Name = null, string? Role = null, bool? Enabled = null)
{
    public static UserChanges Enable { get; } = new(Enabled: true);

    public static UserChanges Disable { get; } = new(Enabled: false);

    /// <summary>
    /// Validates an edit of name and/or role: at least one given, each given one valid. Errors are keyed by the
    /// JSON property they concern.
    /// </summary>
    public static UserChanges? ForEdit(string? name, string? role, IDictionary<string, string[]> errors)
    {
        if (name is null && role is null)
        {
            errors[string.Empty] = ["Give at least one of 'name' and 'role' to change."];
            return null;
        }
        string? validName = null;
        if (name is not null)
        {
            validName = DisplayName.Normalize(name, User.MaxNameLength, out var nameError);
            if (nameError is not null)
            {
                errors["name"] = [nameError];
            }
        }
        var validRole = role is null ? null : DirectoryRoles.ParseUserRole(role, errors);
        return errors.Count == 0 ? new UserChanges(validName, validRole) : null;
    }
}

using BillingOne.BuildingBlocks.Validation;

namespace BillingOne.Identity.Domain;

/// <summary>A validated request to add a user; <see cref="Password"/> is the initial password in plain text, hashed before storage.</summary>
public sealed record NewUser(string Email, string Name, string Role, string Password)
{
    public static NewUser? Create(string? email, string? name, string? role, string? password,
        IDictionary<string, string[]> errors)
    {
        var validEmail = EmailAddress.Normalize(email, out var emailError);
        if (emailError is not null)
        {
            errors["email"] = [emailError];
        }
        var validName = DisplayName.Normalize(name, User.MaxNameLength, out var nameError);
        if (nameError is not null)
        {
            errors["name"] = [nameError];
        }
        var validRole = DirectoryRoles.ParseUserRole(role, errors);
        PasswordRules.Check(password, "password", errors);
        return errors.Count == 0 ? new NewUser(validEmail!, validName!, validRole!, password!) : null;
    }

    /// <summary>The request without the password, for logs and debugger displays.</summary>
    public override string ToString() => $"NewUser {{ Email = {Email}, Name = {Name}, Role = {Role} }}";
}

namespace BillingOne.Identity.Domain;

/// <summary>What a password must be, whether an admin sets a user's initial one or the user chooses a new one.</summary>
public static class PasswordRules
{
    public const int MinLength = 12;

    /// <summary>Bounds the work of hashing: anything longer is not a password a person types.</summary>
    public const int MaxLength = 256;

    /// <summary>
    /// Adds the reason <paramref name="password"/> is not acceptable to <paramref name="errors"/> under
    /// <paramref name="field"/>. Passwords are taken exactly as given: trimming would silently change what the user
    /// has to type.
    /// </summary>
    public static void Check(string? password, string field, IDictionary<string, string[]> errors)
    {
        if (password is null || password.Length < MinLength)
        {
            errors[field] = [$"{field} must be at least {MinLength} characters."];
        }
        else if (password.Length > MaxLength)
        {
            errors[field] = [$"{field} must be at most {MaxLength} characters."];
        }
    }
}

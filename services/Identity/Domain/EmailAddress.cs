using System.Net.Mail;

namespace BillingOne.Identity.Domain;

/// <summary>
/// A user's sign-in email. Stored as typed (trimmed); unique across all organizations ignoring case, because
/// sign-in finds the organization from the email alone.
/// </summary>
public static class EmailAddress
{
    /// <summary>The longest address SMTP can deliver to (RFC 5321 path limit).</summary>
    public const int MaxLength = 254;

    public static string? Normalize(string? value, out string? error)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            error = "Email is required.";
            return null;
        }
        if (trimmed.Length > MaxLength)
        {
            error = $"Email must be at most {MaxLength} characters.";
            return null;
        }
        // MailAddress also accepts "Name <address>" forms: only a bare address that parses to itself is one.
        if (!MailAddress.TryCreate(trimmed, out var address) || address.Address != trimmed
            || !address.Host.Contains('.', StringComparison.Ordinal))
        {
            error = $"'{trimmed}' is not an email address such as 'name@example.com'.";
            return null;
        }
        error = null;
        return trimmed;
    }
}

namespace BillingOne.Subscription.Domain;

/// <summary>A client's display name: trimmed, 1–200 characters, no control characters.</summary>
public static class ClientName
{
    public const int MaxLength = 200;

    /// <summary>
    /// The name as stored (surrounding white space removed), or null with the reason it is not acceptable.
    /// </summary>
    public static string? Normalize(string? value, out string? error)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            error = "Name is required.";
            return null;
        }
        if (trimmed.Length > MaxLength)
        {
            error = $"Name must be at most {MaxLength} characters.";
            return null;
        }
        if (trimmed.Any(char.IsControl))
        {
            // Tabs and line breaks in a name break CSV exports and single-line table cells.
            error = "Name must not contain control characters such as tabs or line breaks.";
            return null;
        }
        error = null;
        return trimmed;
    }
}

namespace BillingOne.BuildingBlocks.Validation;

/// <summary>Single-line display names: clients, organizations, users and API keys.</summary>
public static class DisplayName
{
    /// <summary>
    /// <paramref name="value"/> trimmed, or null with the reason it is not acceptable: required, at most
    /// <paramref name="maxLength"/> characters, no control characters (they break table cells and CSV exports).
    /// </summary>
    public static string? Normalize(string? value, int maxLength, out string? error)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            error = "Name is required.";
            return null;
        }
        if (trimmed.Length > maxLength)
        {
            error = $"Name must be at most {maxLength} characters.";
            return null;
        }
        if (trimmed.Any(char.IsControl))
        {
            error = "Name must not contain control characters such as tabs or line breaks.";
            return null;
        }
        error = null;
        return trimmed;
    }
}

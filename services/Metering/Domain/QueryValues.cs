namespace BillingOne.Metering.Domain;

/// <summary>
/// Reads optional query-string filters as text, so a malformed value becomes a validation error under the
/// parameter's name instead of a binding failure without one.
/// </summary>
public static class QueryValues
{
    public static Guid? ParseGuid(string? value, string parameter, IDictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (Guid.TryParse(value.Trim(), out var id))
        {
            return id;
        }
        errors[parameter] = [$"{parameter} must be an id (uuid)."];
        return null;
    }

    public static bool? ParseBoolean(string? value, string parameter, IDictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (bool.TryParse(value.Trim(), out var flag))
        {
            return flag;
        }
        errors[parameter] = [$"{parameter} must be 'true' or 'false'."];
        return null;
    }

    /// <summary>Trimmed text, null when blank; an error when longer than <paramref name="maxLength"/>.</summary>
    public static string? ParseText(string? value, string parameter, int maxLength, IDictionary<string, string[]> errors)
    {
        var text = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (text?.Length > maxLength)
        {
            errors[parameter] = [$"{parameter} must be at most {maxLength} characters."];
        }
        return text;
    }
}

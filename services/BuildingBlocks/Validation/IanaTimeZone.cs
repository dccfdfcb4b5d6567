namespace BillingOne.BuildingBlocks.Validation;

/// <summary>
/// IANA time zone ids, as organizations and clients store them: billing periods are cut in them, and other services
/// and the vendors speak IANA, so Windows ids are refused.
/// </summary>
public static class IanaTimeZone
{
    /// <summary>The canonical id for <paramref name="value"/> (trimmed), or null with the reason it is not acceptable.</summary>
    public static string? Canonical(string value, out string? error)
    {
        var trimmed = value.Trim();
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(trimmed, out var zone) || !zone.HasIanaId)
        {
            error = $"'{trimmed}' is not an IANA time zone id (for example 'Europe/London' or 'America/New_York').";
            return null;
        }
        error = null;
        return zone.Id;
    }

    /// <summary>
    /// For edits: an absent zone (null) keeps the current one; a given zone must be a valid IANA id. An explicit
    /// empty zone is a mistake, not a request for a default. Errors go under <c>timeZone</c>.
    /// </summary>
    public static string? ResolveEdit(string? timeZone, IDictionary<string, string[]> errors)
    {
        if (timeZone is null)
        {
            return null;
        }
        if (string.IsNullOrWhiteSpace(timeZone))
        {
            errors["timeZone"] = ["Time zone must not be empty."];
            return null;
        }
        var zone = Canonical(timeZone, out var error);
        if (error is not null)
        {
            errors["timeZone"] = [error];
        }
        return zone;
    }
}

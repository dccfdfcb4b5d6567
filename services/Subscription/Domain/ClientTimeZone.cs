namespace BillingOne.Subscription.Domain;

/// <summary>
/// The IANA time zone a client's billing periods are cut in (calendar months in that zone).
/// </summary>
public static class ClientTimeZone
{
    /// <summary>
    /// The organization's default zone, used when a client is created without one. Organizations have no
    /// settings of their own yet, so every organization defaults to UTC.
    /// </summary>
    public const string OrganizationDefault = "UTC";

    /// <summary>
    /// The canonical IANA id for <paramref name="value"/> (absent → <see cref="OrganizationDefault"/>), or null
    /// with the reason it is not acceptable. Windows ids are rejected: other services and the vendors speak IANA.
    /// </summary>
    public static string? Resolve(string? value, out string? error)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            error = null;
            return OrganizationDefault;
        }
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
        var zone = Resolve(timeZone, out var error);
        if (error is not null)
        {
            errors["timeZone"] = [error];
        }
        return zone;
    }
}

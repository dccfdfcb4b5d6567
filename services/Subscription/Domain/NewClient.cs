namespace BillingOne.Subscription.Domain;

/// <summary>A validated request to create a client.</summary>
public sealed record NewClient(string Name, string TimeZone)
{
    /// <summary>
    /// Validates the name (required) and time zone (absent → the organization's default). Errors are keyed by
    /// the JSON property they concern.
    /// </summary>
    public static NewClient? Create(string? name, string? timeZone, IDictionary<string, string[]> errors)
    {
        var validName = ClientName.Normalize(name, out var nameError);
        if (nameError is not null)
        {
            errors["name"] = [nameError];
        }
        var validZone = ClientTimeZone.Resolve(timeZone, out var zoneError);
        if (zoneError is not null)
        {
            errors["timeZone"] = [zoneError];
        }
        return validName is not null && validZone is not null ? new NewClient(validName, validZone) : null;
    }
}

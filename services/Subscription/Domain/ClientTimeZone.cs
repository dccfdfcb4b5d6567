using BillingOne.BuildingBlocks.Validation;

namespace BillingOne.Subscription.Domain;

/// <summary>
/// The IANA time zone a client's billing periods are cut in (calendar months in that zone).
/// </summary>
public static class ClientTimeZone
{
    /// <summary>The zone a client created without one gets.</summary>
    public const string OrganizationDefault = "UTC";

    /// <summary>
    /// The canonical IANA id for <paramref name="value"/> (absent → <see cref="OrganizationDefault"/>), or null
    /// with the reason it is not acceptable.
    /// </summary>
    public static string? Resolve(string? value, out string? error)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            error = null;
            return OrganizationDefault;
        }
        return IanaTimeZone.Canonical(value, out error);
    }
}

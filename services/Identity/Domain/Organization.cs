using BillingOne.Contracts.Events;

namespace BillingOne.Identity.Domain;

/// <summary>
/// One MSP using BillingOne and its settings: the zone its billing periods default to, the currency it bills
/// in, how many days after a period ends billing waits for late usage, and whether every user must sign in with a
/// second factor.
/// </summary>
public sealed record Organization(
    Guid Id,
    string Name,
    string TimeZone,
    string Currency,
    int BillingGraceDays,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    bool RequireTwoFactor = false)
{
    public const int MaxNameLength = 200;
    public const int MinBillingGraceDays = OrganizationChanged.MinBillingGraceDays;
    public const int MaxBillingGraceDays = OrganizationChanged.MaxBillingGraceDays;

    /// <summary>This organization with <paramref name="changes"/> applied, or null when they change nothing.</summary>
    public Organization? Apply(OrganizationChanges changes)
    {
        var changed = this with
        {
            Name = changes.Name ?? Name,
            TimeZone = changes.TimeZone ?? TimeZone,
            Currency = changes.Currency ?? Currency,
            BillingGraceDays = changes.BillingGraceDays ?? BillingGraceDays,
            RequireTwoFactor = changes.RequireTwoFactor ?? RequireTwoFactor,
        };
        return changed == this ? null : changed;
    }
}

using BillingOne.Contracts.Money;

namespace BillingOne.Contracts.Events;

/// <summary>
/// An organization's settings changed in identity, their one source (docs/domain.md, "Organization settings"): other
/// services keep the ones they use from this. <see cref="Version"/> grows with every change, so a copy drops an event
/// older than the one it holds.
/// </summary>
/// <param name="TimeZone">IANA zone the organization's clients default to.</param>
/// <param name="Currency">ISO-4217 code the organization bills in.</param>
/// <param name="BillingGraceDays">Days after a billing period ends before its billing is final.</param>
public sealed record OrganizationChanged(
    Guid OrgId,
    string Name,
    string TimeZone,
    string Currency,
    int BillingGraceDays,
    long Version,
    DateTimeOffset ChangedAt) : IIntegrationEvent
{
    public const int MinBillingGraceDays = 0;
    public const int MaxBillingGraceDays = 60;

    /// <summary>What is wrong with the message; empty when a copy can store it.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (OrgId == Guid.Empty)
        {
            problems.Add("OrganizationChanged must carry an organization id.");
        }
        if (string.IsNullOrWhiteSpace(Name) || string.IsNullOrWhiteSpace(TimeZone))
        {
            problems.Add($"OrganizationChanged for {OrgId} has no name or time zone.");
        }
        if (!Iso4217.TryNormalize(Currency, out _))
        {
            problems.Add($"OrganizationChanged for {OrgId}: {Iso4217.RefusalMessage(Currency)}");
        }
        if (BillingGraceDays is < MinBillingGraceDays or > MaxBillingGraceDays)
        {
            problems.Add($"OrganizationChanged for {OrgId} has {BillingGraceDays} grace days; " +
                $"{MinBillingGraceDays}–{MaxBillingGraceDays} are allowed.");
        }
        if (Version < 1)
        {
            problems.Add($"OrganizationChanged for {OrgId} has version {Version}; versions start at 1.");
        }
        return problems;
    }
}

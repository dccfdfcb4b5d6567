namespace BillingOne.Metering.Domain;

/// <summary>
/// How long a month's drafts wait for late usage before they are final: the organization's billing grace days, set in
/// identity's organization settings and kept here from <c>OrganizationChanged</c> (docs/domain.md, "Organization
/// settings").
/// </summary>
public sealed record GracePeriod(int Days)
{
    /// <summary>
    /// Identity's default for an organization, used until identity announces the organization's own setting.
    /// </summary>
    public static readonly GracePeriod Default = new(5);

    /// <summary>When drafts of a month that ended at <paramref name="periodEnd"/> (its latest end) become final.</summary>
    public DateTimeOffset FinalizesAt(DateTimeOffset periodEnd) => periodEnd.AddDays(Days);

    /// <summary>Whether drafts of a month that ended at <paramref name="periodEnd"/> are final at <paramref name="now"/>.</summary>
    public bool HasPassed(DateTimeOffset periodEnd, DateTimeOffset now) => FinalizesAt(periodEnd) <= now;
}

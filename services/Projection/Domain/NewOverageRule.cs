namespace BillingOne.Projection.Domain;

/// <summary>
/// When a bucket's usage observation announces a new overage: the first observation of a period whose usage is above
/// the bucket's commit. Only the newest observation of the bucket and period counts (an older one arriving late says
/// nothing about the usage now), a disabled bucket bills nothing, and a period is announced once even if its usage
/// falls back below the commit and rises again.
/// </summary>
public static class NewOverageRule
{
    /// <summary>The units above the commit when the observation announces a new overage; otherwise null.</summary>
    /// <param name="newest">The observation is the newest stored one of its bucket and period.</param>
    /// <param name="alreadyAnnounced">The period's overage was announced before.</param>
    public static decimal? Units(bool enabled, decimal commitUnits, decimal usage, bool newest, bool alreadyAnnounced) =>
        enabled && newest && !alreadyAnnounced && usage > commitUnits ? usage - commitUnits : null;
}

using BillingOne.Contracts.Money;

namespace BillingOne.Projection.Domain;

/// <summary>Where a bucket's projected usage leaves it against its commit.</summary>
public static class CommitStatuses
{
    public const string OverCommit = "over-commit";
    public const string OnTrack = "on-track";

    public static readonly IReadOnlyList<string> All = [OverCommit, OnTrack];
}

/// <summary>A bucket's commercial terms as metering announces them: <see cref="BasePrice"/> buys <see cref="CommitUnits"/>.</summary>
public sealed record BucketTerms(decimal CommitUnits, decimal BasePrice, decimal OveragePrice, string Currency);

/// <summary>
/// A projected usage's cost (docs/domain.md): base + max(0, usage − commit) × overage, one line rounded once to the
/// currency's minor units, half away from zero; the usage as a percentage of the commit (null for a zero commit).
/// </summary>
public sealed record ProjectedBucketCost(decimal Cost, decimal? PercentOfCommit, string Status)
{
    public static ProjectedBucketCost Calculate(BucketTerms terms, decimal projectedUsage)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var overageUnits = Math.Max(0m, projectedUsage - terms.CommitUnits);
        var cost = Decimals.Amount(terms.BasePrice + overageUnits * terms.OveragePrice, terms.Currency);
        // At full precision: the UI rounds it for display.
        decimal? percent = terms.CommitUnits == 0
            ? null
            : Decimals.ApiPercent(projectedUsage / terms.CommitUnits * 100m);
        var status = projectedUsage > terms.CommitUnits ? CommitStatuses.OverCommit : CommitStatuses.OnTrack;
        return new ProjectedBucketCost(cost, percent, status);
    }
}

/// <summary>A bucket's projection: the usage it is expected to end the period with, by which method, and its cost.</summary>
public sealed record BucketProjection(decimal ProjectedUsage, string Method, ProjectedBucketCost Cost)
{
    public const int MinimumDecimals = 2;

    /// <summary>
    /// Projects with <paramref name="method"/>. The projected usage is shown with the precision the usage so far came
    /// with (the unit type's), at least <see cref="MinimumDecimals"/>, so a projection of whole units still shows its
    /// fraction. The cost, the percentage and the status are figured on the exact projection: money is rounded once,
    /// on the cost line, never through a rounded usage (docs/domain.md).
    /// </summary>
    public static BucketProjection Calculate(string method, UsageSoFar soFar, BucketTerms terms)
    {
        ArgumentNullException.ThrowIfNull(soFar);
        var projected = UsageProjector.Project(method, soFar);
        return new BucketProjection(Decimals.Fixed(projected, Math.Max(MinimumDecimals, (int)soFar.Usage.Scale)), method,
            ProjectedBucketCost.Calculate(terms, projected));
    }
}

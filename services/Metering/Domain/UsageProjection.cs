namespace BillingOne.Metering.Domain;

/// <summary>
/// End-of-period forecast for a bucket from its usage so far (design §6). Accumulating aggregations
/// (<c>sum</c>, and <c>count</c> as the design specifies, since more assets report as the month goes on)
/// are extrapolated linearly over the elapsed share of the period; level aggregations (<c>max</c>,
/// <c>last</c>, <c>avg</c>) are held at their current value, because time passing does not raise them.
/// </summary>
public sealed record UsageProjection(decimal CurrentUsage, decimal ProjectedUsage, BucketCost ProjectedCost)
{
    /// <summary>Projected usage as a percentage of the commit; null for a zero commit.</summary>
    public decimal? PercentOfCommit => ProjectedCost.PercentOfCommit;

    /// <param name="elapsedFraction">Share of the period that has passed, 0–1 (see <see cref="BillingPeriod.ElapsedFraction"/>).</param>
    public static UsageProjection Project(
        Aggregation aggregation, decimal usageSoFar, decimal elapsedFraction, BucketPricing pricing)
    {
        ArgumentNullException.ThrowIfNull(pricing);
        var projectedUsage = ProjectUsage(aggregation, usageSoFar, elapsedFraction);
        return new UsageProjection(usageSoFar, projectedUsage, BucketCost.Calculate(pricing, projectedUsage));
    }

    /// <summary>
    /// The usage rule alone, shared with <see cref="ProjectionBacktest"/>. At the very start of a period
    /// (elapsed 0) there is nothing to extrapolate from, so the usage so far is the projection.
    /// </summary>
    public static decimal ProjectUsage(Aggregation aggregation, decimal usageSoFar, decimal elapsedFraction)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(usageSoFar);
        ArgumentOutOfRangeException.ThrowIfNegative(elapsedFraction);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(elapsedFraction, 1m);

        return aggregation switch
        {
            Aggregation.Sum or Aggregation.Count when elapsedFraction > 0 => usageSoFar / elapsedFraction,
            Aggregation.Sum or Aggregation.Count or Aggregation.Max or Aggregation.Last or Aggregation.Avg => usageSoFar,
            _ => throw new ArgumentOutOfRangeException(nameof(aggregation), aggregation, "Unknown aggregation."),
        };
    }
}

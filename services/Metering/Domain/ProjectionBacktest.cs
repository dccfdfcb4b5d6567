namespace BillingOne.Metering.Domain;

/// <summary>A finished period of one bucket: its usage when a share of the period had passed, and its final usage.</summary>
public sealed record PastPeriodUsage
{
    public PastPeriodUsage(decimal usageAtElapsedFraction, decimal finalUsage)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(usageAtElapsedFraction);
        ArgumentOutOfRangeException.ThrowIfNegative(finalUsage);
        UsageAtElapsedFraction = usageAtElapsedFraction;
        FinalUsage = finalUsage;
    }

    public decimal UsageAtElapsedFraction { get; }

    public decimal FinalUsage { get; }
}

/// <summary>How far off the projection would have been on past periods.</summary>
/// <param name="PeriodsScored">Periods with a non-zero final usage, the ones the error is averaged over.</param>
/// <param name="PeriodsWithZeroActual">Periods left out because their final usage was zero (see <see cref="ProjectionBacktest"/>).</param>
/// <param name="MeanAbsolutePercentageError">MAPE in percent (12.5 = 12.5 %); null when no period could be scored.</param>
public sealed record BacktestResult(int PeriodsScored, int PeriodsWithZeroActual, decimal? MeanAbsolutePercentageError);

/// <summary>
/// Replays <see cref="UsageProjection.ProjectUsage"/> on past periods and reports the mean absolute
/// percentage error, mean(|projected − actual| / actual) × 100.
/// </summary>
/// <remarks>
/// A period whose actual final usage is zero has no percentage error (division by zero), and scoring it
/// as 0 % or 100 % would skew the mean either way. Such periods are excluded from the mean and counted
/// in <see cref="BacktestResult.PeriodsWithZeroActual"/>, so a report can show how many were left out.
/// </remarks>
public static class ProjectionBacktest
{
    public static BacktestResult Run(Aggregation aggregation, decimal elapsedFraction, IEnumerable<PastPeriodUsage> periods)
    {
        ArgumentNullException.ThrowIfNull(periods);

        var absolutePercentageErrors = new List<decimal>();
        var zeroActuals = 0;
        foreach (var period in periods)
        {
            if (period.FinalUsage == 0)
            {
                zeroActuals++;
                continue;
            }
            var projected = UsageProjection.ProjectUsage(aggregation, period.UsageAtElapsedFraction, elapsedFraction);
            absolutePercentageErrors.Add(Math.Abs(projected - period.FinalUsage) / period.FinalUsage * 100m);
        }

        return new BacktestResult(
            absolutePercentageErrors.Count,
            zeroActuals,
            absolutePercentageErrors.Count == 0 ? null : absolutePercentageErrors.Average());
    }
}

using BillingOne.Contracts.Money;

namespace BillingOne.Projection.Domain;

/// <summary>
/// The usage dashboard's derived figures. This period is the latest month with projections; last period the month
/// before it (the latest finalized month without projections). Money is in one currency, each figure rounded once.
/// </summary>
public static class UsageDashboardFigures
{
    /// <summary>The source type of buckets that take every source (metering's billing exports name them so too).</summary>
    public const string AnySource = "any-source";

    /// <summary>
    /// Projected revenue against last period's: the change, and the change in percent of last period's revenue (one
    /// decimal). The change is null when either revenue is; the percent also when last period's revenue is zero.
    /// </summary>
    public static (decimal? Change, decimal? Percent) MonthOverMonth(decimal? projected, decimal? lastPeriod)
    {
        if (projected is not { } thisPeriod || lastPeriod is not { } previous)
        {
            return (null, null);
        }
        var change = thisPeriod - previous;
        return (change, AnalyticsFigures.Percent(change, previous));
    }

    /// <summary>Last period's revenue per client billed in it, rounded to the currency; null without either.</summary>
    public static decimal? AverageRevenuePerClient(decimal? lastPeriodRevenue, int clientsBilled, string? currency) =>
        lastPeriodRevenue is { } revenue && clientsBilled > 0 ? Decimals.Amount(revenue / clientsBilled, currency) : null;
}

using BillingOne.Contracts.Money;

namespace BillingOne.Metering.Domain;

/// <summary>
/// One client's row on the Over/Under screen for a period: its status and money totals over all its
/// buckets. Totals are sums of the buckets' already-rounded lines, so they match the billing readings.
/// </summary>
/// <param name="Committed">Σ base prices: what the client pays for committed capacity.</param>
/// <param name="FinalCost">Σ bucket costs (base + overage).</param>
/// <param name="Overage">Σ overage: billed above commit, the upsell signal.</param>
/// <param name="Buffer">Σ buffer: paid for unused capacity, the retention risk.</param>
public sealed record ClientCommitSummary(
    ClientCommitStatus Status, Money Committed, Money FinalCost, Money Overage, Money Buffer)
{
    /// <summary>Share of the committed spend paid for capacity not used, in percent; null with nothing committed.</summary>
    public decimal? PercentUnused => Committed.Amount == 0 ? null : Buffer.Amount / Committed.Amount * 100m;

    /// <param name="currency">The client's billing currency (and the totals' currency when it has no buckets).</param>
    public static ClientCommitSummary Summarize(string currency, IReadOnlyCollection<BucketCost> buckets)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        return new ClientCommitSummary(
            OverUnderClassification.Classify(buckets.Select(bucket => bucket.Status)),
            Money.Sum(buckets.Select(bucket => bucket.BasePrice), currency),
            Money.Sum(buckets.Select(bucket => bucket.Cost), currency),
            Money.Sum(buckets.Select(bucket => bucket.Overage), currency),
            Money.Sum(buckets.Select(bucket => bucket.Buffer), currency));
    }
}

using System.Diagnostics.CodeAnalysis;
using BillingOne.Contracts.Money;

namespace BillingOne.Metering.Domain;

/// <summary>
/// What a bucket costs for a usage (docs/domain.md). Each money figure is an invoice line rounded once to the
/// currency's minor units; <see cref="Cost"/> is the sum of the rounded base and overage lines, so
/// <see cref="Overage"/> = cost − base holds to the cent.
/// </summary>
public sealed record BucketCost
{
    private BucketCost(
        decimal usage, decimal commitUnits, Money basePrice, Money overage, decimal overageUnits, Money buffer, decimal bufferUnits)
    {
        Usage = usage;
        CommitUnits = commitUnits;
        BasePrice = basePrice;
        Overage = overage;
        OverageUnits = overageUnits;
        Buffer = buffer;
        BufferUnits = bufferUnits;
        // Computed now, so a figure out of decimal's range fails Calculate, not a later read.
        PercentOfCommit = commitUnits == 0 ? null : usage / commitUnits * 100m;
    }

    public decimal Usage { get; }

    public decimal CommitUnits { get; }

    /// <summary>The base price line (rounded).</summary>
    public Money BasePrice { get; }

    /// <summary>Units above the commit: max(0, usage − commit).</summary>
    public decimal OverageUnits { get; }

    /// <summary>Overage $ = cost − base = overage units × overage price, rounded.</summary>
    public Money Overage { get; }

    /// <summary>Committed units not used: max(0, commit − usage).</summary>
    public decimal BufferUnits { get; }

    /// <summary>
    /// What the client pays for unused capacity: buffer units × base / commit, rounded. It is part of the
    /// base price, not an extra charge, so it is reported but not added to <see cref="Cost"/>.
    /// </summary>
    public Money Buffer { get; }

    /// <summary>Base + overage: what the bucket bills for the period.</summary>
    public Money Cost => BasePrice + Overage;

    public CommitStatus Status => Usage.CompareTo(CommitUnits) switch
    {
        > 0 => CommitStatus.OverCommit,
        < 0 => CommitStatus.UnderCommit,
        _ => CommitStatus.OnCommit,
    };

    /// <summary>Usage as a percentage of the commit; null for a zero commit, where it has no meaning.</summary>
    public decimal? PercentOfCommit { get; }

    /// <summary>
    /// <see cref="Calculate"/>, or false when the figures exceed what <see cref="decimal"/> holds (a usage far beyond
    /// anything the price bounds were set for), so one such bucket can be marked instead of failing a whole list.
    /// </summary>
    public static bool TryCalculate(BucketPricing pricing, decimal usage, [NotNullWhen(true)] out BucketCost? cost)
    {
        try
        {
            cost = Calculate(pricing, usage);
            return true;
        }
        catch (OverflowException)
        {
            cost = null;
            return false;
        }
    }

    public static BucketCost Calculate(BucketPricing pricing, decimal usage)
    {
        ArgumentNullException.ThrowIfNull(pricing);
        ArgumentOutOfRangeException.ThrowIfNegative(usage);

        var commit = pricing.CommitUnits;
        var overageUnits = Math.Max(0m, usage - commit);
        var bufferUnits = Math.Max(0m, commit - usage);
        // A zero commit has no capacity to leave unused (and nothing to divide the base price by).
        var buffer = commit == 0
            ? Money.Zero(pricing.Currency)
            // Multiply before dividing so a commit like 3 does not lose precision before rounding.
            : new Money(pricing.BasePrice.Amount * bufferUnits / commit, pricing.Currency);

        return new BucketCost(
            usage,
            commit,
            pricing.BasePrice.RoundedLine(),
            (pricing.OveragePricePerUnit * overageUnits).RoundedLine(),
            overageUnits,
            buffer.RoundedLine(),
            bufferUnits);
    }
}

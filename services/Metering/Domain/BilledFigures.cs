namespace BillingOne.Metering.Domain;

/// <summary>
/// The figures a billing line bills: usage and the rounded money lines of <see cref="BucketCost"/>. Adjustments are
/// differences of these, so every figure of an adjustment is itself a difference of rounded lines.
/// </summary>
public sealed record BilledFigures(decimal Usage, decimal Base, decimal OverageUnits, decimal Overage,
    decimal BufferUnits, decimal Buffer, decimal Cost)
{
    public static readonly BilledFigures None = new(0m, 0m, 0m, 0m, 0m, 0m, 0m);

    public static BilledFigures Of(BucketCost cost)
    {
        ArgumentNullException.ThrowIfNull(cost);
        return new BilledFigures(cost.Usage, cost.BasePrice.Amount, cost.OverageUnits, cost.Overage.Amount,
            cost.BufferUnits, cost.Buffer.Amount, cost.Cost.Amount);
    }

    public bool IsZero => this == None;

    public static BilledFigures operator +(BilledFigures left, BilledFigures right) => new(
        left.Usage + right.Usage, left.Base + right.Base, left.OverageUnits + right.OverageUnits,
        left.Overage + right.Overage, left.BufferUnits + right.BufferUnits, left.Buffer + right.Buffer,
        left.Cost + right.Cost);

    public static BilledFigures operator -(BilledFigures left, BilledFigures right) => new(
        left.Usage - right.Usage, left.Base - right.Base, left.OverageUnits - right.OverageUnits,
        left.Overage - right.Overage, left.BufferUnits - right.BufferUnits, left.Buffer - right.Buffer,
        left.Cost - right.Cost);

    // Equal figures with different scales (1.0 and 1.00) are the same bill.
    public bool Equals(BilledFigures? other) => other is not null && Usage == other.Usage && Base == other.Base
        && OverageUnits == other.OverageUnits && Overage == other.Overage && BufferUnits == other.BufferUnits
        && Buffer == other.Buffer && Cost == other.Cost;

    public override int GetHashCode() => HashCode.Combine(Usage, Base, OverageUnits, Overage, BufferUnits, Buffer, Cost);
}

/// <summary>
/// What a finalized bucket period was billed (its final reading plus every adjustment already made to it), and the
/// terms it was priced with: late readings are repriced with these, not with the bucket's prices of today.
/// </summary>
public sealed record FinalizedBucketPeriod(Guid ClientId, Guid BucketId, int Year, int Month, BucketPricing Pricing,
    BilledFigures Billed)
{
    /// <summary>
    /// The adjustment that brings the period's bill to <paramref name="usage"/> (its usage now, late readings
    /// included); null when the bill already matches. False when the corrected cost is beyond what can be calculated.
    /// </summary>
    public bool TryAdjust(decimal usage, out BilledFigures? adjustment)
    {
        if (!BucketCost.TryCalculate(Pricing, usage, out var corrected))
        {
            adjustment = null;
            return false;
        }
        var difference = BilledFigures.Of(corrected) - Billed;
        adjustment = difference.IsZero ? null : difference;
        return true;
    }
}

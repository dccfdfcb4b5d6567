namespace BillingOne.Metering.Domain;

/// <summary>One usage reading of an asset, as the usage rules see it (identity and unit type are already resolved).</summary>
public sealed record MeterReading
{
    public MeterReading(Guid assetId, decimal quantity, DateTimeOffset observedAt)
    {
        // Readings measure consumption; a negative one is a data error, never a credit.
        ArgumentOutOfRangeException.ThrowIfNegative(quantity);
        AssetId = assetId;
        Quantity = quantity;
        ObservedAt = observedAt;
    }

    public Guid AssetId { get; }

    public decimal Quantity { get; }

    public DateTimeOffset ObservedAt { get; }
}

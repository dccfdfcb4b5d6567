using BillingOne.Contracts.Events;

namespace BillingOne.Ingestion.Domain;

/// <summary>
/// A validated reading in canonical form: text trimmed, quantity without trailing zeros, observed_at in UTC
/// truncated to microseconds (PostgreSQL timestamptz precision, so what is stored is what was compared).
/// Only <see cref="ReadingValidator"/> creates them.
/// </summary>
public sealed record UsageReading
{
    internal UsageReading(
        string id,
        string assetSource,
        string assetExternalId,
        string unitTypeKey,
        decimal quantity,
        DateTimeOffset observedAt,
        string? description)
    {
        Id = id;
        AssetSource = assetSource;
        AssetExternalId = assetExternalId;
        UnitTypeKey = unitTypeKey;
        Quantity = quantity;
        ObservedAt = observedAt;
        Description = description;
    }

    public string Id { get; }
    public string AssetSource { get; }
    public string AssetExternalId { get; }
    public string UnitTypeKey { get; }
    public decimal Quantity { get; }
    public DateTimeOffset ObservedAt { get; }
    public string? Description { get; }

    /// <summary>The reading as the batch published to metering carries it.</summary>
    public AcceptedReading ToAccepted() =>
        new(Id, AssetSource, AssetExternalId, UnitTypeKey, Quantity, ObservedAt, Description);
}

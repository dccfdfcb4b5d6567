namespace BillingOne.Ingestion.Domain;

/// <summary>How a reading names its asset: unique in an organization.</summary>
public sealed record AssetKey(string Source, string ExternalId)
{
    public static AssetKey Of(UsageReading reading) => new(reading.AssetSource, reading.AssetExternalId);

    public override string ToString() => $"{Source}/{ExternalId}";
}

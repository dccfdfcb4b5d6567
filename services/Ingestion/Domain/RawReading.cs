namespace BillingOne.Ingestion.Domain;

/// <summary>
/// A reading as received, before validation. <see cref="Quantity"/> stays text so that no value is ever
/// rounded through a binary floating-point type on its way to <see cref="decimal"/>.
/// </summary>
public sealed record RawReading(
    string? Id,
    string? AssetSource,
    string? AssetExternalId,
    string? UnitTypeKey,
    string? Quantity,
    DateTimeOffset? ObservedAt,
    string? Description);

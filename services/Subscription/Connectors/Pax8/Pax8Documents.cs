namespace BillingOne.Subscription.Connectors.Pax8;

// What Pax8 sends, every field nullable so a missing one is reported by name instead of defaulting to 0 or null.

internal sealed record PageDocument<T>(List<T?>? Content, PageMetadataDocument? Page);

internal sealed record PageMetadataDocument(int? Size, int? TotalElements, int? TotalPages, int? Number);

internal sealed record CompanyDocument(Guid? Id, string? Name, string? Website, string? Status, DateTimeOffset? UpdatedDate);

internal sealed record ProductDocument(
    Guid? Id, string? Name, string? VendorName, string? Sku, string? UnitOfMeasurement, decimal? UnitPrice,
    string? CurrencyCode);

internal sealed record SubscriptionDocument(
    Guid? Id, Guid? CompanyId, Guid? ProductId, int? Quantity, decimal? Price, string? CurrencyCode,
    string? BillingTerm, string? Status, DateTimeOffset? StartDate, DateTimeOffset? EndDate);

/// <summary>
/// The body of <c>PUT /v1/subscriptions/{id}</c>: Pax8 wants the quantity with the subscription's billing term and
/// start date restated, the start date as a date-time (written by <see cref="Pax8DateTimeConverter"/>).
/// </summary>
internal sealed record SubscriptionUpdateDocument(int Quantity, string BillingTerm, DateTimeOffset StartDate);

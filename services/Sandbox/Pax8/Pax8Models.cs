namespace BillingOne.Sandbox.Pax8;

/// <summary>One page of a Pax8 list: the items and Spring-style page metadata (<c>number</c> counts from 0).</summary>
public sealed record Pax8Page<T>(IReadOnlyList<T> Content, Pax8PageMetadata Page);

public sealed record Pax8PageMetadata(int Size, int TotalElements, int TotalPages, int Number);

/// <summary>An item of <c>GET /v1/companies</c>: a customer of the partner (MSP) in Pax8.</summary>
public sealed record Pax8Company(
    Guid Id,
    string Name,
    string? Website,
    string? ExternalId,
    string Status,
    bool BillOnBehalfOfEnabled,
    DateTimeOffset UpdatedDate);

/// <summary>
/// An item of <c>GET /v1/products</c>. The real API keeps prices under <c>/v1/products/{id}/pricing</c>; the
/// sandbox puts the monthly unit price and the unit of measurement (<c>User</c> or <c>Device</c>, which
/// reconciliation compares against user and device counts) on the product so one list answers both.
/// </summary>
public sealed record Pax8Product(
    Guid Id,
    string Name,
    string VendorName,
    string Sku,
    bool RequiresCommitment,
    string UnitOfMeasurement,
    decimal UnitPrice,
    string CurrencyCode);

/// <summary>
/// An item of <c>GET /v1/subscriptions</c>. <see cref="Price"/> is per unit and per billing term (a month for
/// <c>Monthly</c>, a year for <c>Annual</c>); <see cref="EndDate"/> is set once the subscription is cancelled.
/// <see cref="UpdatedDate"/> is the last change: start, cancellation or a quantity change.
/// </summary>
public sealed record Pax8Subscription(
    Guid Id,
    Guid CompanyId,
    Guid ProductId,
    int Quantity,
    decimal Price,
    string CurrencyCode,
    string BillingTerm,
    string Status,
    DateTimeOffset CreatedDate,
    DateTimeOffset StartDate,
    DateTimeOffset? EndDate,
    DateTimeOffset UpdatedDate);

/// <summary>The body of <c>PUT /v1/subscriptions/{id}</c>; members are nullable so a missing one is reported by name.</summary>
/// <param name="StartDate">A date-time, as Pax8's API reference types it (a bare date is read too).</param>
public sealed record Pax8SubscriptionUpdate(int? Quantity, string? BillingTerm, DateTimeOffset? StartDate);

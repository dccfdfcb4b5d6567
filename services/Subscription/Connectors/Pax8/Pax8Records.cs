using BillingOne.Contracts.Money;

namespace BillingOne.Subscription.Connectors.Pax8;

/// <summary>A customer of the MSP as Pax8 knows it; its name may differ from the client's (matching comes later).</summary>
public sealed record Pax8Company(Guid Id, string Name, string? Website, string Status, DateTimeOffset? UpdatedDate);

public enum Pax8LicenceUnit
{
    User,
    Device,
}

/// <summary>
/// A product of the Pax8 catalogue. <see cref="LicenceUnit"/> and <see cref="UnitPrice"/> (monthly) are null when the
/// API does not send them: the real Pax8 keeps them under <c>/v1/products/{id}/pricing</c>, the sandbox on the product.
/// </summary>
public sealed record Pax8Product(
    Guid Id,
    string Name,
    string VendorName,
    string? Sku,
    Pax8LicenceUnit? LicenceUnit,
    Money? UnitPrice);

public enum Pax8BillingTerm
{
    Monthly,
    Annual,
    TwoYear,
    ThreeYear,
    OneTime,
    Trial,
}

public enum Pax8SubscriptionStatus
{
    Active,
    Cancelled,
    Suspended,
    Trial,
    PendingManual,
    PendingAutomated,
    PendingCancel,
    WaitingForDetails,
    Converted,
    PendingActivation,
    Activated,
}

/// <summary>
/// A company's subscription to a product. <see cref="UnitPrice"/> is per unit and per <see cref="BillingTerm"/>
/// (a month for monthly, a year for annual); <see cref="EndDate"/> is set once it is cancelled.
/// </summary>
public sealed record Pax8Subscription(
    Guid Id,
    Guid CompanyId,
    Guid ProductId,
    int Quantity,
    Money UnitPrice,
    Pax8BillingTerm BillingTerm,
    Pax8SubscriptionStatus Status,
    DateTimeOffset StartDate,
    DateTimeOffset? EndDate);

/// <summary>
/// One validated page of a Pax8 list. A sync stores a page as a whole (or records why it could not), so the client
/// hands out pages, not single items.
/// </summary>
/// <param name="Number">Counts from 0, as Pax8 numbers pages.</param>
/// <param name="Skipped">Items of the page left out because they could not be used, each named with its reason.</param>
public sealed record Pax8Page<T>(int Number, int TotalPages, int TotalElements, IReadOnlyList<T> Items,
    IReadOnlyList<Pax8SkippedItem>? Skipped = null);

/// <summary>One Pax8 item a page left out (an unknown billing term, a missing field…), and why.</summary>
/// <param name="Resource">Pax8's list: <c>companies</c>, <c>products</c> or <c>subscriptions</c>.</param>
/// <param name="Id">Pax8's id of the item, when it carried a readable one.</param>
public sealed record Pax8SkippedItem(string Resource, Guid? Id, int PageNumber, string Field, string Reason);

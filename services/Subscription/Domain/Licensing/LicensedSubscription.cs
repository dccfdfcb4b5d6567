using BillingOne.Contracts.Events;
using BillingOne.Contracts.Money;
using BillingOne.Subscription.Connectors.Pax8;

namespace BillingOne.Subscription.Domain.Licensing;

/// <summary>
/// One Pax8 subscription of a client as the licence rule reads it, with what the catalog says about its product.
/// </summary>
/// <param name="UnitPrice">Per unit and per billing term, as Pax8 states it.</param>
/// <param name="Status">As the API spells it: <c>active</c>, <c>cancelled</c>, <c>suspended</c>, …</param>
/// <param name="RemovedAt">When a sync stopped finding it in Pax8; null while Pax8 lists it.</param>
/// <param name="LicenceUnit">The product's effective unit (<see cref="LicenceUnits.Device"/>, <see cref="LicenceUnits.User"/>) or null.</param>
/// <param name="CatalogMonthlyPrice">The product's effective monthly unit price (the override, else Pax8's), if any.</param>
/// <param name="DeviceClass">What a per-device product covers (<see cref="ProductCoverage.Of"/>); null counts as all devices.</param>
public sealed record LicensedSubscription(
    int Quantity,
    Money UnitPrice,
    Pax8BillingTerm BillingTerm,
    string Status,
    DateTimeOffset StartDate,
    DateTimeOffset? EndDate,
    DateTimeOffset? RemovedAt,
    string? LicenceUnit,
    Money? CatalogMonthlyPrice,
    Guid ProductId = default,
    string ProductName = "",
    string? DeviceClass = null)
{
    public static readonly string ActiveStatus = KebabNames.Of(Pax8SubscriptionStatus.Active);

    /// <summary>
    /// Counts towards MRR and licences at <paramref name="now"/>: Pax8 lists it, says it is active, and it has started.
    /// Pax8 calls a subscription bought ahead active months before its start date, yet it neither earns nor licenses
    /// anything until then.
    /// </summary>
    public bool IsActiveAt(DateTimeOffset now) => RecurringLines.IsActiveAt(Status, RemovedAt, StartDate, now);

    /// <summary>What its product covers: users, a device class, or null when it counts as no licence.</summary>
    public string? Coverage => LicenceUnit switch
    {
        LicenceUnits.User => ProductCoverages.Users,
        LicenceUnits.Device => DeviceClass ?? ProductCoverages.Devices,
        _ => null,
    };

    /// <summary>Its share of MRR: quantity × price normalized to a month, rounded once as a line.</summary>
    public Money MonthlyValue => SubscriptionLine.MonthlyValue(Quantity, UnitPrice, BillingTerm);

    /// <summary>
    /// The monthly price of one unit: the catalog's, else its own price normalized to a month; null for a one-time
    /// purchase or a trial the catalog gives no price for.
    /// </summary>
    public Money? MonthlyUnitPrice => CatalogMonthlyPrice ?? (SubscriptionLine.MonthsPerTerm(BillingTerm) is { } months
        ? new Money(UnitPrice.Amount / months, UnitPrice.Currency)
        : null);

    /// <summary>
    /// Whether it was live at <paramref name="monthEnd"/> (the first instant of the next month): started before it,
    /// not ended or removed before it. A subscription that is not active now counts only up to its end date: without
    /// one nothing says when it stopped, so it counts for no month.
    /// </summary>
    public bool LiveAt(DateTimeOffset monthEnd) =>
        StartDate < monthEnd
        && (EndDate is null || EndDate >= monthEnd)
        && (RemovedAt is null || RemovedAt >= monthEnd)
        && (Status == ActiveStatus || EndDate is not null);
}

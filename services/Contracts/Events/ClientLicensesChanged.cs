namespace BillingOne.Contracts.Events;

/// <summary>
/// The subscription service recomputed one client's licence side from the active Pax8 subscriptions of the companies
/// mapped to it and the product catalog mapping (which products count per device or per user, at which unit price).
/// Published whenever a sync, a catalog change, a mapping change or a client change moves any figure, and on request
/// for every client (read-model rebuilds). <see cref="Version"/> grows with every computation of the client: read
/// copies keep the highest.
/// </summary>
/// <param name="Currency">ISO 4217 of the MRR; null while the client has no active subscription.</param>
/// <param name="MrrAmount">Σ active subscriptions' monthly value (quantity × price normalized to a month, each line rounded).</param>
/// <param name="DeviceLicenses">Σ quantity of active subscriptions whose product counts per device.</param>
/// <param name="DeviceLicenseUnitPrice">The mapped monthly price of one device licence of this client (quantity-weighted over its per-device products); null without one.</param>
/// <param name="MrrHistory">MRR at the end of each of the last 12 calendar months (oldest first, the current month last), from the subscriptions' start and end dates.</param>
/// <param name="Products">The client's covering products now: each product of an active subscription that the catalog
/// mapping says covers workstations, servers, all devices or users, with its quantity and monthly unit price (see
/// docs/domain.md "Licences: coverage per product"); null from publishers before it existed.</param>
/// <param name="Subscriptions">Every subscription of the companies mapped to the client, removed and cancelled ones too (by
/// id), for subscription analytics; null from publishers before it existed. A change seen only here is published too.</param>
public sealed record ClientLicensesChanged(
    Guid OrgId,
    Guid ClientId,
    long Version,
    DateTimeOffset ComputedAt,
    string? Currency,
    decimal MrrAmount,
    int ActiveSubscriptions,
    int DeviceLicenses,
    int UserLicenses,
    decimal? DeviceLicenseUnitPrice,
    IReadOnlyList<MonthlyRecurringRevenue> MrrHistory,
    IReadOnlyList<ClientSubscriptionLine>? Subscriptions = null,
    IReadOnlyList<CoveringProduct>? Products = null) : IIntegrationEvent
{
    public IReadOnlyList<string> Validate() => new EventProblems(nameof(ClientLicensesChanged))
        .Require(OrgId != Guid.Empty && ClientId != Guid.Empty, "must carry an organization id and a client id.")
        .Require(Version >= 1, $"for client {ClientId} has version {Version}; versions start at 1.")
        .Require(Currency is null || EventProblems.IsCurrencyCode(Currency), $"has currency '{Currency}', not an ISO 4217 code.")
        .Require(ActiveSubscriptions >= 0 && DeviceLicenses >= 0 && UserLicenses >= 0 && DeviceLicenseUnitPrice is null or >= 0,
            $"for client {ClientId} has a negative count or unit price.")
        .Require(MrrHistory is not null && MrrHistory.All(month => month.Month is >= 1 and <= 12),
            "has an MRR history month outside 1–12.")
        .Require(Subscriptions is null || Subscriptions.All(ClientSubscriptionLine.IsWellFormed),
            "has a subscription line without an id, with a negative quantity or without an ISO 4217 currency.")
        .Require(Products is null || Products.All(product => ProductCoverages.All.Contains(product.Covers)
                && product.Quantity >= 0 && product.MonthlyUnitPrice is null or >= 0),
            $"for client {ClientId} has a product with an unknown coverage, a negative quantity or a negative unit price.")
        .ToList();
}

/// <summary>What a covering product covers, as the catalog mapping says (docs/domain.md "Licences: coverage per product").</summary>
public static class ProductCoverages
{
    /// <summary>One licence per workstation (desktops, laptops, Macs).</summary>
    public const string Workstations = "workstations";

    /// <summary>One licence per server.</summary>
    public const string Servers = "servers";

    /// <summary>One licence per managed device of any class.</summary>
    public const string Devices = "devices";

    /// <summary>One licence per user: never compared with devices.</summary>
    public const string Users = "users";

    public static readonly IReadOnlyList<string> All = [Workstations, Servers, Devices, Users];

    /// <summary>Whether the product is licensed per device (of a class, or of any class).</summary>
    public static bool IsPerDevice(string coverage) => coverage is Workstations or Servers or Devices;
}

/// <summary>One covering product of a client: Σ quantity of its active subscriptions and its monthly price of one unit.</summary>
/// <param name="Covers">One of <see cref="ProductCoverages.All"/>.</param>
/// <param name="MonthlyUnitPrice">The monthly price of one unit (the catalog's, else the subscriptions' quantity-weighted, to 4 decimals); null without one.</param>
public sealed record CoveringProduct(
    Guid ProductId,
    string ProductName,
    string Covers,
    int Quantity,
    decimal? MonthlyUnitPrice,
    string? Currency);

/// <summary>A client's MRR as it stood at the end of one calendar month.</summary>
public sealed record MonthlyRecurringRevenue(int Year, int Month, decimal Amount);

/// <summary>One Pax8 subscription of a client, as it stands.</summary>
/// <param name="UnitPrice">Per unit and per billing term, as Pax8 states it (a year's price for an annual term).</param>
/// <param name="BillingTerm"><c>monthly</c>, <c>annual</c>, <c>two-year</c>, <c>three-year</c>, <c>one-time</c> or <c>trial</c>.</param>
/// <param name="Status">As Pax8 spells it, kebab-case: <c>active</c>, <c>cancelled</c>, <c>suspended</c>, …</param>
/// <param name="EndDate">The day Pax8 says it ended or ends; null while open.</param>
/// <param name="RemovedAt">When a sync stopped finding it in Pax8; null while Pax8 lists it.</param>
public sealed record ClientSubscriptionLine(
    Guid SubscriptionId,
    Guid ProductId,
    string ProductName,
    int Quantity,
    decimal UnitPrice,
    string Currency,
    string BillingTerm,
    string Status,
    DateTimeOffset StartDate,
    DateTimeOffset? EndDate,
    DateTimeOffset? RemovedAt)
{
    /// <summary>An id, a quantity of zero or more, an ISO 4217 currency and a billing term.</summary>
    public static bool IsWellFormed(ClientSubscriptionLine line) => line.SubscriptionId != Guid.Empty
        && line.Quantity >= 0 && EventProblems.IsCurrencyCode(line.Currency) && !string.IsNullOrWhiteSpace(line.BillingTerm);
}

using System.ComponentModel;
using BillingOne.Contracts.Events;
using BillingOne.Contracts.Money;
using BillingOne.Subscription.Data;
using BillingOne.Subscription.Domain.Licensing;
using Microsoft.AspNetCore.Mvc;

namespace BillingOne.Subscription.Apis;

public sealed record CatalogListParameters(
    [property: Description("Product name, vendor or SKU: any part, any case.")]
    [FromQuery(Name = "search")] string? Search,
    [property: Description("device, user or none (products that count as no licence).")]
    [FromQuery(Name = "licenceUnit")] string? LicenceUnit);

/// <summary>
/// A Pax8 product as the licence side counts it. <c>licenceUnit</c> device, user or null (no licence) and
/// <c>unitPrice</c> (monthly, per unit) are a person's override when <c>source</c> is manual, else Pax8's.
/// <c>activeSubscriptions</c>/<c>activeQuantity</c>: the active subscriptions of the product the caller may see.
/// <c>covers</c> is what one licence covers — workstations, servers, devices (all) or users; null when it counts as no
/// licence — and <c>coversSource</c> how that was decided: manual (a person set it), pax8 (Pax8 counts it per user) or
/// suggested (from the product's name; to be reviewed). Reconciliation compares each product with the devices it covers.
/// </summary>
public sealed record CatalogProductResponse(
    Guid ProductId,
    string Name,
    string VendorName,
    string? Sku,
    string? LicenceUnit,
    decimal? UnitPrice,
    string? Currency,
    string Source,
    int ActiveSubscriptions,
    int ActiveQuantity,
    string? Covers,
    string? CoversSource)
{
    public static CatalogProductResponse From(CatalogProduct product) => new(product.ProductId, product.Name,
        product.VendorName, product.Sku, product.LicenceUnit,
        product.UnitPrice is { } price ? Decimals.UnitPrice(price, product.Currency) : null, product.Currency,
        product.Source, product.ActiveSubscriptions, product.ActiveQuantity, product.Covers, product.CoversSource);
}

public sealed record CatalogOverrideRequest(
    [property: Description("device, user or none (the product counts as no licence); may be left out when covers says it.")]
    string? LicenceUnit,
    [property: Description("Monthly price of one unit, ≥ 0 with at most 4 decimal places; null keeps Pax8's price.")]
    decimal? UnitPrice,
    [property: Description("What one licence covers: workstations, servers, devices (all), users, or none. Must agree " +
        "with licenceUnit when both are given; left out, a per-device product keeps the class its name suggests.")]
    string? Covers = null);

public sealed record CatalogImportResponse([property: Description("Products whose mapping the file set.")] int Products);

/// <summary>
/// A client's licence side now: MRR (in <c>currency</c>, null without an active subscription), active subscriptions,
/// device and user licences, the monthly price of one device licence, and the MRR at the end of each of the last 12
/// months (oldest first, the current month last).
/// </summary>
public sealed record ClientLicensesResponse(
    Guid ClientId,
    string? Currency,
    decimal MrrAmount,
    int ActiveSubscriptions,
    int DeviceLicenses,
    int UserLicenses,
    decimal? DeviceLicenseUnitPrice,
    IReadOnlyList<MonthlyRecurringRevenue> MrrHistory)
{
    public static ClientLicensesResponse From(Guid clientId, ClientLicenseFigures figures) => new(clientId,
        figures.Currency, figures.MrrAmount, figures.ActiveSubscriptions, figures.DeviceLicenses, figures.UserLicenses,
        figures.DeviceLicenseUnitPrice, figures.MrrHistory);
}

public sealed record RepublishResponse([property: Description("Clients whose figures were published.")] int Clients);

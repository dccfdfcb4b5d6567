using System.ComponentModel;
using BillingOne.Contracts.Money;
using BillingOne.Projection.Domain;
using Microsoft.AspNetCore.Mvc;

namespace BillingOne.Projection.Apis;

/// <summary>Query parameters of <c>GET /api/projection/clients</c> besides the paging.</summary>
public sealed record ClientSnapshotListParameters(
    [property: Description("Part of the client name, any case.")]
    [FromQuery(Name = "search")] string? Search,
    [property: Description("matched, under-licensed, over-licensed or no-data; absent lists every client.")]
    [FromQuery(Name = "status")] string? Status,
    [property: Description("mrr (default), name, subscriptions, devices or licenses.")]
    [FromQuery(Name = "sort")] string? Sort,
    [property: Description("asc or desc; figures default to desc, the name to asc.")]
    [FromQuery(Name = "direction")] string? Direction);

/// <summary>An amount with exactly its currency's minor units (<c>12.50</c>, JPY <c>1200</c>; two without a currency).</summary>
public sealed record MoneyResponse(
    [property: Description("The currency's minor units: 12.50, JPY 1200; two decimals while there is no currency.")]
    decimal Amount,
    [property: Description("ISO 4217 code; null while the client has no subscription to take it from.")] string? Currency)
{
    public static MoneyResponse Of(decimal amount, string? currency) => new(Decimals.Amount(amount, currency), currency);
}

public sealed record ClientSnapshotResponse(
    Guid ClientId,
    string Name,
    bool Enabled,
    string TimeZone,
    [property: Description("Monthly recurring revenue from active subscriptions.")] MoneyResponse Mrr,
    [property: Description("Active Pax8 subscriptions.")] int Subscriptions,
    [property: Description("Managed devices in the latest RMM snapshot.")] int Devices,
    [property: Description("Licensed quantity (Pax8).")] int Licenses,
    [property: Description("Devices − licenses (positive = under-licensed); null without a reconciliation snapshot.")]
    int? Variance,
    ClientBillingStatus Status,
    [property: Description("When this row of the read model last changed.")] DateTimeOffset UpdatedAt)
{
    public static ClientSnapshotResponse From(ClientBillingSnapshot snapshot) => new(snapshot.ClientId, snapshot.Name,
        snapshot.Enabled, snapshot.TimeZone, MoneyResponse.Of(snapshot.MrrAmount, snapshot.MrrCurrency),
        snapshot.Subscriptions, snapshot.Devices, snapshot.Licenses, snapshot.Variance, snapshot.Status,
        snapshot.UpdatedAt);
}

using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;
using BillingOne.Projection.Domain;

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

public sealed record MoneyResponse(
    decimal Amount,
    [property: Description("ISO 4217 code; null while the client has no subscription to take it from.")] string? Currency);

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
        snapshot.Enabled, snapshot.TimeZone, new MoneyResponse(snapshot.MrrAmount, snapshot.MrrCurrency),
        snapshot.Subscriptions, snapshot.Devices, snapshot.Licenses, snapshot.Variance, snapshot.Status,
        snapshot.UpdatedAt);
}

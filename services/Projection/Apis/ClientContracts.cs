using System.ComponentModel;
using BillingOne.Contracts.Money;
using BillingOne.Projection.Data;
using BillingOne.Projection.Domain;
using Microsoft.AspNetCore.Mvc;

namespace BillingOne.Projection.Apis;

/// <summary>Query parameters of <c>GET /api/projection/clients</c> besides the paging.</summary>
public sealed record ClientSnapshotListParameters(
    [property: Description("Part of the client name, any case.")]
    [FromQuery(Name = "search")] string? Search,
    [property: Description("matched, under-licensed, over-licensed or no-data (enabled clients of that status), or " +
        "disabled (the disabled clients); absent lists every client, so the filters add up to all.")]
    [FromQuery(Name = "status")] string? Status,
    [property: Description("mrr (default), name, subscriptions, devices, licenses, variance or totalSpend.")]
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
    [property: Description("Device licences: quantity of active subscriptions whose product counts per device.")] int Licenses,
    [property: Description("User licences: quantity of active subscriptions whose product counts per user.")] int UserLicenses,
    [property: Description("The largest per-product variance, covered devices − quantity (positive = under-licensed); null without a device snapshot covering the client.")]
    int? Variance,
    ClientBillingStatus Status,
    [property: Description(ClientSnapshotResponse.TotalSpendDescription)] MoneyResponse? TotalSpend,
    [property: Description(ClientSnapshotResponse.BillingContactDescription)] string? BillingContact,
    [property: Description("When the client or its figures last changed at their source.")] DateTimeOffset UpdatedAt)
{
    public const string TotalSpendDescription =
        "Σ totals of the client's invoices that are not voided, in the currency of the latest one; null without invoices.";

    public const string BillingContactDescription =
        "The contact the client's latest invoice is addressed to; null without invoices.";

    public static ClientSnapshotResponse From(ClientListEntry entry) => new(entry.Snapshot.ClientId,
        entry.Snapshot.Name, entry.Snapshot.Enabled, entry.Snapshot.TimeZone,
        MoneyResponse.Of(entry.Snapshot.MrrAmount, entry.Snapshot.MrrCurrency), entry.Snapshot.Subscriptions,
        entry.Snapshot.Devices, entry.Snapshot.Licenses, entry.Snapshot.UserLicenses, entry.Snapshot.Variance,
        entry.Snapshot.Status, TotalSpendOf(entry.Invoices), entry.Invoices.BillingContact, entry.Snapshot.UpdatedAt);

    /// <summary>The client's total spend with its currency, as the list and the detail answer it.</summary>
    public static MoneyResponse? TotalSpendOf(ClientInvoiceFigures invoices) =>
        invoices.SpendAmount is { } spend ? MoneyResponse.Of(spend, invoices.SpendCurrency) : null;
}

/// <summary>A client's page: its row of the Clients screen, its licences, its reconciliation and its invoices.</summary>
public sealed record ClientDetailResponse(
    Guid ClientId,
    string Name,
    bool Enabled,
    string TimeZone,
    [property: Description("Monthly recurring revenue from active subscriptions.")] MoneyResponse Mrr,
    [property: Description("Active Pax8 subscriptions.")] int Subscriptions,
    [property: Description("Managed devices in the latest RMM snapshot.")] int Devices,
    [property: Description("Device licences (the same as deviceLicenses).")] int Licenses,
    [property: Description("Device licences as reconciliation compares them: the quantity of the client's least-covered " +
        "per-device product, never a sum of different products (docs/domain.md \"Licences: coverage per product\").")]
    int DeviceLicenses,
    [property: Description("User licences: quantity of active subscriptions whose product counts per user.")] int UserLicenses,
    [property: Description("The largest per-product variance, covered devices − quantity (positive = under-licensed); null without a device snapshot covering the client.")]
    int? Variance,
    ClientBillingStatus Status,
    [property: Description("When the device snapshot the status comes from was taken; null without one.")]
    DateTimeOffset? SnapshotTakenAt,
    [property: Description("Monthly amount of the client's open missed-billing opportunities, in the currency's minor units.")]
    decimal MissedBillingOpen,
    [property: Description(ClientSnapshotResponse.TotalSpendDescription)] MoneyResponse? TotalSpend,
    [property: Description(ClientSnapshotResponse.BillingContactDescription)] string? BillingContact,
    [property: Description("How many invoices the client has (all statuses).")] long Invoices,
    [property: Description("When the client or its figures last changed at their source.")] DateTimeOffset UpdatedAt)
{
    public static ClientDetailResponse From(ClientBillingSnapshot snapshot, ClientInvoiceFigures invoices) => new(
        snapshot.ClientId, snapshot.Name, snapshot.Enabled, snapshot.TimeZone,
        MoneyResponse.Of(snapshot.MrrAmount, snapshot.MrrCurrency), snapshot.Subscriptions, snapshot.Devices,
        snapshot.Licenses, snapshot.Licenses, snapshot.UserLicenses, snapshot.Variance, snapshot.Status,
        snapshot.SnapshotTakenAt, Decimals.Amount(snapshot.MissedBillingOpen, snapshot.MissedBillingCurrency),
        ClientSnapshotResponse.TotalSpendOf(invoices), invoices.BillingContact, invoices.Invoices, snapshot.UpdatedAt);
}

/// <summary>The overview's figures; money in <see cref="Currency"/>, with its minor units.</summary>
public sealed record DashboardResponse(
    [property: Description("ISO 4217 code of the organization's MRR (the one most clients' MRR is in); null without any.")]
    string? Currency,
    [property: Description("MRR of all active subscriptions in currency: clientsMrr + unmappedMrr.")] decimal Mrr,
    [property: Description("Σ MRR of the clients in scope, in currency (the Clients list's MRR added up).")] decimal ClientsMrr,
    [property: Description("MRR of the subscriptions of Pax8 companies mapped to no client, in currency; 0 for a caller " +
        "scoped to a client.")] decimal UnmappedMrr,
    [property: Description("Active subscriptions of the clients in scope.")] long ActiveSubscriptions,
    [property: Description("Invoices in draft or submitted.")] long PendingInvoices,
    [property: Description("Clients whose devices outnumber their device licences.")] long UnderLicensedClients,
    [property: Description("Clients in scope.")] long Clients,
    [property: Description("MRR (clients' and unmapped companies') at the end of each of the last 12 months, oldest " +
        "first, the current month last.")]
    IReadOnlyList<MonthAmountResponse> MrrTrend)
{
    public static DashboardResponse From(BillingDashboard dashboard) => new(dashboard.Currency,
        Decimals.Amount(dashboard.Mrr, dashboard.Currency), Decimals.Amount(dashboard.ClientsMrr, dashboard.Currency),
        Decimals.Amount(dashboard.UnmappedMrr, dashboard.Currency), dashboard.ActiveSubscriptions, dashboard.PendingInvoices,
        dashboard.UnderLicensedClients, dashboard.Clients,
        [.. dashboard.MrrTrend.Select(month => new MonthAmountResponse(month.Year, month.Month,
            Decimals.Amount(month.Amount, dashboard.Currency)))]);
}

public sealed record MonthAmountResponse(int Year, int Month, decimal Amount);

public sealed record RebuildResponse(
    Guid Id,
    [property: Description("queued, running, completed or failed.")] string Status,
    DateTimeOffset RequestedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    [property: Description("Events to replay, known once it runs.")] long? EventsTotal,
    [property: Description("Events replayed so far (all of them once completed).")] long EventsReplayed,
    [property: Description("Clients in the rebuilt read models, once completed.")] long? Clients,
    [property: Description("Why it failed; a failed rebuild changed nothing.")] string? Error)
{
    public static RebuildResponse From(RebuildJob job) => new(job.Id, job.Status, job.RequestedAt, job.StartedAt,
        job.FinishedAt, job.EventsTotal, job.EventsReplayed, job.Clients, job.Error);
}

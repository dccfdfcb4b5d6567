using System.ComponentModel;
using System.Globalization;
using BillingOne.BuildingBlocks.Data;
using BillingOne.Contracts.Money;
using BillingOne.Reconciliation.Data;
using BillingOne.Reconciliation.Domain;
using Microsoft.AspNetCore.Mvc;

namespace BillingOne.Reconciliation.Apis;

public sealed record ClientReconciliationListParameters(
    [property: Description("Part of the client's name, any case.")]
    [FromQuery(Name = "search")] string? Search,
    [property: Description("matched, under-licensed, over-licensed or no-data.")]
    [FromQuery(Name = "status")] string? Status,
    [property: Description("client, devices, licenses or variance (default: variance, largest first, then name).")]
    [FromQuery(Name = "sort")] string? Sort,
    [property: Description("asc or desc (default desc for numbers, asc for the client's name).")]
    [FromQuery(Name = "direction")] string? Direction);

public sealed record ClientReconciliationSearchParameters(
    [property: Description("Part of the client's name, any case.")]
    [FromQuery(Name = "search")] string? Search);

/// <param name="Devices">
/// Managed devices (neither retired nor awaiting approval) of the client's RMM organizations in the latest snapshot;
/// null with status no-data.
/// </param>
/// <param name="Licenses">The quantity of the client's least-covered per-device product (0 without one): never a sum of different products.</param>
/// <param name="Variance">The largest per-product variance, covered devices − quantity (positive = under-licensed); the devices themselves without a per-device product; null with status no-data.</param>
/// <param name="Status">under-licensed if any product is under, else over-licensed if any is over, else matched; no-data without a snapshot.</param>
/// <param name="DeviceLicenseUnitPrice">The monthly price of one licence of the product <paramref name="Licenses"/> counts.</param>
/// <param name="Products">Every covering product with its own covered devices, quantity, variance and status.</param>
/// <param name="SnapshotTakenAt">When the snapshot the devices come from was taken; null with status no-data.</param>
/// <param name="MissedBillingMonthly">Σ of the client's open missed-billing opportunities a month, in <paramref name="Currency"/>.</param>
public sealed record ClientReconciliationResponse(
    Guid ClientId,
    string? ClientName,
    int? Devices,
    int Licenses,
    int? Variance,
    string Status,
    DateTimeOffset? SnapshotTakenAt,
    string? Currency,
    decimal? DeviceLicenseUnitPrice,
    decimal MissedBillingMonthly,
    IReadOnlyList<ProductCoverageResponse> Products)
{
    public static ClientReconciliationResponse From(ClientReconciliationRow row) => new(row.ClientId, row.ClientName,
        row.Devices, row.DeviceLicenses, row.Variance, row.Status, UtcInstants.From(row.SnapshotTakenAt), row.Currency,
        row.DeviceLicenseUnitPrice is { } price ? Decimals.UnitPrice(price, row.Currency) : null,
        Decimals.Amount(row.MissedBillingOpen, row.Currency),
        [.. ProductLines.Comparisons(row.Products).Select(ProductCoverageResponse.From)]);
}

/// <summary>One covering product of a client against the devices it covers (docs/domain.md "Licences: coverage per product").</summary>
/// <param name="Covers">workstations, servers, devices (all) or users.</param>
/// <param name="CoveredDevices">The client's devices of that class in the latest snapshot; null for a per-user product or without a snapshot.</param>
/// <param name="Quantity">Σ quantity of the client's active subscriptions of the product.</param>
/// <param name="Variance">Covered devices − quantity (positive = under-licensed); null when nothing is compared.</param>
/// <param name="Status">matched, under-licensed, over-licensed, no-data, or not-compared (a per-user product: no user count is known).</param>
/// <param name="MonthlyUnitPrice">The monthly price of one licence of the product, which prices its missed billing.</param>
public sealed record ProductCoverageResponse(
    Guid ProductId,
    string ProductName,
    string Covers,
    int? CoveredDevices,
    int Quantity,
    int? Variance,
    string Status,
    decimal? MonthlyUnitPrice,
    string? Currency)
{
    public static ProductCoverageResponse From(ProductComparison product) => new(product.ProductId, product.ProductName,
        product.Covers, product.CoveredDevices, product.Quantity, product.Variance, product.Status,
        product.MonthlyUnitPrice is { } price ? Decimals.UnitPrice(price, product.Currency) : null, product.Currency);
}

public sealed record ReconciliationSummaryResponse(int UnderLicensed, int OverLicensed, int Matched, int NoData,
    DateTimeOffset? LatestSnapshotAt)
{
    public static ReconciliationSummaryResponse From(ReconciliationCounts counts) => new(counts.UnderLicensed,
        counts.OverLicensed, counts.Matched, counts.NoData, UtcInstants.From(counts.LatestSnapshotAt));
}

/// <param name="Devices">
/// Managed devices in the latest snapshot (0 when the organization had none or was not in it).
/// </param>
public sealed record ClientRmmOrganizationResponse(string Vendor, string VendorId, string Name, int Devices);

/// <param name="Licenses">The client's device licences when the snapshot was taken.</param>
public sealed record ClientSnapshotHistoryResponse(Guid SnapshotId, DateTimeOffset TakenAt, int Devices, int Licenses,
    int Variance);

/// <param name="RmmOrganizations">The RMM organizations mapped to the client now.</param>
/// <param name="History">The client's devices and licences in each snapshot that covered it, newest first.</param>
public sealed record ClientReconciliationDetailResponse(
    Guid ClientId,
    string? ClientName,
    int? Devices,
    int Licenses,
    int? Variance,
    string Status,
    DateTimeOffset? SnapshotTakenAt,
    string? Currency,
    decimal? DeviceLicenseUnitPrice,
    decimal MissedBillingMonthly,
    IReadOnlyList<ProductCoverageResponse> Products,
    IReadOnlyList<ClientRmmOrganizationResponse> RmmOrganizations,
    IReadOnlyList<ClientSnapshotHistoryResponse> History)
{
    public static ClientReconciliationDetailResponse From(ClientReconciliationDetail detail)
    {
        var row = ClientReconciliationResponse.From(detail.Row);
        return new ClientReconciliationDetailResponse(row.ClientId, row.ClientName, row.Devices, row.Licenses,
            row.Variance, row.Status, row.SnapshotTakenAt, row.Currency, row.DeviceLicenseUnitPrice,
            row.MissedBillingMonthly, row.Products,
            [.. detail.Organizations.Select(organization => new ClientRmmOrganizationResponse(organization.Vendor,
                organization.VendorId, organization.Name, organization.Devices))],
            [.. detail.History.Select(snapshot => new ClientSnapshotHistoryResponse(snapshot.SnapshotId,
                UtcInstants.From(snapshot.TakenAt), snapshot.Devices, snapshot.Licenses, snapshot.Variance))]);
    }
}

public sealed record SnapshotScheduleFields(
    [property: Description("Whether snapshots are taken on the schedule.")] bool? Enabled,
    [property: Description("Day of the month, 1–28.")] int? DayOfMonth,
    [property: Description("Hour of the day (UTC), 0–23.")] int? HourUtc);

/// <param name="NextRunAt">The next scheduled snapshot; null while the schedule is off.</param>
public sealed record SnapshotScheduleResponse(bool Enabled, int DayOfMonth, int HourUtc, DateTimeOffset? NextRunAt)
{
    public static SnapshotScheduleResponse From(StoredSnapshotSchedule stored) => new(stored.Schedule.Enabled,
        stored.Schedule.DayOfMonth, stored.Schedule.HourUtc, stored.NextRunAt);
}

public sealed record MissedBillingListParameters(
    [property: Description("under-licensed, unlicensed-devices or uninvoiced-overage.")]
    [FromQuery(Name = "kind")] string? Kind,
    [property: Description("open, dismissed or billed.")]
    [FromQuery(Name = "state")] string? State,
    [property: Description("Only this client's opportunities.")]
    [FromQuery(Name = "clientId")] string? ClientId,
    [property: Description("Part of the client's or bucket's name or of the evidence, any case.")]
    [FromQuery(Name = "search")] string? Search,
    [property: Description("Found on or after this day (YYYY-MM-DD, UTC).")]
    [FromQuery(Name = "from")] string? From,
    [property: Description("Found on or before this day (YYYY-MM-DD, UTC).")]
    [FromQuery(Name = "to")] string? To,
    [property: Description("amount (default), client, kind or updated.")]
    [FromQuery(Name = "sort")] string? Sort,
    [property: Description("asc or desc (default desc for amount and updated, asc otherwise).")]
    [FromQuery(Name = "direction")] string? Direction);

public sealed record MissedBillingSummaryParameters(
    [property: Description("under-licensed, unlicensed-devices or uninvoiced-overage.")]
    [FromQuery(Name = "kind")] string? Kind,
    [property: Description("Only this client's opportunities.")]
    [FromQuery(Name = "clientId")] string? ClientId,
    [property: Description("Part of the client's or bucket's name or of the evidence, any case.")]
    [FromQuery(Name = "search")] string? Search,
    [property: Description("Found on or after this day (YYYY-MM-DD, UTC).")]
    [FromQuery(Name = "from")] string? From,
    [property: Description("Found on or before this day (YYYY-MM-DD, UTC).")]
    [FromQuery(Name = "to")] string? To);

/// <param name="BucketName">The metering bucket of an uninvoiced overage; null for the other kinds.</param>
/// <param name="Period">The billed month of an uninvoiced overage (yyyy-MM); null for the other kinds.</param>
/// <param name="Amount">Monthly estimate; null when there is nothing to estimate from (the evidence says why).</param>
/// <param name="ProductName">The under-licensed product of an under-licensed opportunity; null for the other kinds.</param>
public sealed record MissedBillingResponse(
    Guid Id,
    string Kind,
    Guid ClientId,
    string? ClientName,
    string? BucketName,
    string? Period,
    decimal? Amount,
    string? Currency,
    string Evidence,
    string State,
    string? DismissReason,
    DateTimeOffset? StateChangedAt,
    string? StateChangedBy,
    DateTimeOffset UpdatedAt,
    string? ProductName)
{
    public static MissedBillingResponse From(MissedBillingRow row) => new(row.Id, row.Kind, row.ClientId, row.ClientName,
        row.BucketName,
        row is { PeriodYear: { } year, PeriodMonth: { } month }
            ? new DateOnly(year, month, 1).ToString("yyyy-MM", CultureInfo.InvariantCulture)
            : null,
        row.Amount is { } amount ? Decimals.Amount(amount, row.Currency) : null, row.Currency, row.Evidence, row.State,
        row.DismissReason, UtcInstants.From(row.StateChangedAt), row.StateChangedBy, UtcInstants.From(row.UpdatedAt),
        row.ProductName);
}

public sealed record MissedBillingTotalResponse(int Count, decimal Amount);

public sealed record MissedBillingKindTotalResponse(string Kind, int Count, decimal Amount);

/// <summary>The totals of one currency per state; opportunities without an estimate count in the main currency's.</summary>
public sealed record MissedBillingCurrencyTotalResponse(
    string? Currency,
    MissedBillingTotalResponse Open,
    MissedBillingTotalResponse Dismissed,
    MissedBillingTotalResponse Billed);

/// <param name="Currency">
/// The currency of the amounts: that of most opportunities. Each count is of the opportunities its amount adds: those in
/// this currency, and those without an estimate; the others are in <paramref name="ByCurrency"/>.
/// </param>
/// <param name="ByKind">Open opportunities per kind, in <paramref name="Currency"/>.</param>
/// <param name="ByCurrency">The totals of every currency, <paramref name="Currency"/>'s first (the same as above).</param>
public sealed record MissedBillingSummaryResponse(
    string? Currency,
    MissedBillingTotalResponse Open,
    MissedBillingTotalResponse Dismissed,
    MissedBillingTotalResponse Billed,
    IReadOnlyList<MissedBillingKindTotalResponse> ByKind,
    IReadOnlyList<MissedBillingCurrencyTotalResponse> ByCurrency);

public sealed record DismissMissedBillingRequest(
    [property: Description("Why the opportunity is not billed (required).")] string? Reason);

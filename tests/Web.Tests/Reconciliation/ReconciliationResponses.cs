using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;

namespace BillingOne.Web.Tests.Reconciliation;

/// <summary>Reconciliation's answers for issue 17, shaped as the shared plan spells them.</summary>
public static class ReconciliationResponses
{
    public const string ClientsPath = "/api/reconciliation/clients";
    public const string SummaryPath = "/api/reconciliation/clients/summary";
    public const string MissedBillingPath = "/api/reconciliation/missed-billing";
    public const string MissedBillingSummaryPath = "/api/reconciliation/missed-billing/summary";
    public const string SchedulePath = "/api/reconciliation/snapshot-schedule";
    public const string CatalogPath = "/api/subscription/catalog";

    public static readonly DateTimeOffset TakenAt = new(2025, 3, 1, 2, 0, 0, TimeSpan.Zero);

    public static object Client(Guid clientId, string name, int? devices, int licenses, string status,
        decimal? unitPrice = 12.50m, decimal? missed = null) => new
        {
            clientId,
            clientName = name,
            devices,
            licenses,
            variance = devices - licenses,
            status,
            snapshotTakenAt = devices is null ? (DateTimeOffset?)null : TakenAt,
            currency = "AUD",
            deviceLicenseUnitPrice = unitPrice,
            missedBillingMonthly = missed,
        };

    public static HttpResponseMessage Summary(int underLicensed = 0, int overLicensed = 0, int matched = 0, int noData = 0,
        DateTimeOffset? latestSnapshotAt = null) =>
        Json(new { underLicensed, overLicensed, matched, noData, latestSnapshotAt });
}

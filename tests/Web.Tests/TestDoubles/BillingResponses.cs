using static BillingOne.Web.Tests.TestDoubles.MeteringResponses;

namespace BillingOne.Web.Tests.TestDoubles;

/// <summary>The metering service's billing answers, shaped as notes/billing-api-contract.md spells them.</summary>
public static class BillingResponses
{
    public const string RunsPath = "/api/metering/billing-runs";
    public const string PeriodsPath = "/api/metering/billing-periods";
    public const string ReadingsPath = "/api/metering/billing-readings";
    public const string ExportPath = "/api/metering/billing-readings/export";

    public static readonly DateTimeOffset RequestedAt = new(2025, 3, 14, 9, 0, 0, TimeSpan.Zero);

    public static string PeriodClientsPath(string period) => $"{PeriodsPath}/{period}/clients";

    public static string FinalizePath(string period) => $"{PeriodsPath}/{period}/finalize";

    public static string BillingHistoryPath(Guid bucketId) => $"{BucketsPath}/{bucketId}/billing-history";

    public static object Total(decimal amount, string currency = "AUD") => new { currency, amount };

    /// <summary>A run; started and finished times follow from the status.</summary>
    public static object BillingRun(
        string status, Guid? id = null, string period = "2025-02", int clientsDone = 0, int clientsTotal = 0,
        int bucketsDone = 0, int bucketsTotal = 0, string? error = null, DateTimeOffset? startedAt = null,
        DateTimeOffset? finishedAt = null) =>
        new
        {
            id = id ?? Guid.NewGuid(),
            period,
            status,
            clientsDone,
            clientsTotal,
            bucketsDone,
            bucketsTotal,
            requestedAt = RequestedAt,
            startedAt = status == "queued" ? (DateTimeOffset?)null : startedAt ?? RequestedAt.AddSeconds(5),
            finishedAt = status is "queued" or "running" ? (DateTimeOffset?)null : finishedAt ?? RequestedAt.AddSeconds(70),
            error,
            requestedBy = TestUser.Finance.Id,
            trigger = "manual",
        };

    public static object Period(
        string period, object[]? totals = null, int clients = 2, int buckets = 3, int adjustments = 0,
        string status = "draft", DateTimeOffset? finalizedAt = null) =>
        new { period, clients, buckets, totals = totals ?? [Total(1250m)], adjustments, status, finalizedAt };

    public static object ClientSummary(
        string clientName, Guid? clientId = null, object[]? totals = null, int buckets = 2, int adjustments = 0,
        string status = "draft") =>
        new
        {
            clientId = clientId ?? Guid.NewGuid(),
            clientName,
            periodStart = new DateTimeOffset(2025, 1, 31, 13, 0, 0, TimeSpan.Zero),
            periodEnd = new DateTimeOffset(2025, 2, 28, 13, 0, 0, TimeSpan.Zero),
            buckets,
            totals = totals ?? [Total(1000m)],
            adjustments,
            status,
        };

    /// <summary>A reading of Contoso's backup bucket over February 2025 (Sydney); an adjustment when
    /// <paramref name="originalPeriod"/> is given.</summary>
    public static object Reading(
        Guid bucketId, string bucketName = "Contoso backup", string? originalPeriod = null, decimal usage = 612.5m,
        decimal commitUnits = 500m, decimal @base = 250m, decimal overageUnits = 112.5m, decimal overage = 1.41m,
        decimal bufferUnits = 0m, decimal buffer = 0m, decimal cost = 251.41m, string status = "draft",
        DateTimeOffset? finalizedAt = null) =>
        new
        {
            id = Guid.NewGuid(),
            runId = Guid.NewGuid(),
            kind = originalPeriod is null ? "reading" : "adjustment",
            clientId = ContosoId,
            clientName = "Contoso",
            bucketId,
            bucketName,
            sourceType = "veeam",
            unitTypeKey = "backup-gb",
            aggregation = "max",
            periodStart = new DateTimeOffset(2025, 1, 31, 13, 0, 0, TimeSpan.Zero),
            periodEnd = new DateTimeOffset(2025, 2, 28, 13, 0, 0, TimeSpan.Zero),
            originalPeriod,
            usage,
            commitUnits,
            @base,
            overageUnits,
            overage,
            bufferUnits,
            buffer,
            cost,
            currency = "AUD",
            status,
            finalizedAt,
        };

    public static object HistoryPeriod(string period, decimal overage, decimal buffer, decimal adjustmentCost = 0m,
        string status = "final") =>
        new
        {
            period,
            periodStart = new DateTimeOffset(2025, 1, 31, 13, 0, 0, TimeSpan.Zero),
            periodEnd = new DateTimeOffset(2025, 2, 28, 13, 0, 0, TimeSpan.Zero),
            usage = 480m,
            commitUnits = 500m,
            cost = 250m + overage,
            overage,
            overageUnits = overage * 80m,
            buffer,
            bufferUnits = buffer * 2m,
            adjustmentCost,
            status,
        };
}

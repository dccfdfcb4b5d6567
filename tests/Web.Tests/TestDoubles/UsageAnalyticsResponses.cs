using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;
using static BillingOne.Web.Tests.TestDoubles.MeteringResponses;

namespace BillingOne.Web.Tests.TestDoubles;

/// <summary>The projection service's usage analytics as the issue 18 plan spells them: the usage dashboard and Over/Under.</summary>
public static class UsageAnalyticsResponses
{
    public const string UsageDashboardPath = "/api/projection/usage-dashboard";
    public const string OverUnderSummaryPath = "/api/projection/over-under/summary";
    public const string OverUnderClientsPath = "/api/projection/over-under/clients";
    public const string OverUnderTrendPath = "/api/projection/over-under/trend";
    public const string RightSizePath = "/api/projection/over-under/right-size";
    public const string OverUnderUnitTypesPath = "/api/projection/over-under/unit-types";

    public static readonly DateTimeOffset ProjectedAt = new(2026, 12, 5, 6, 0, 0, TimeSpan.Zero);

    /// <summary>An organization with neither projections nor billing history.</summary>
    public static HttpResponseMessage EmptyUsageDashboard() => Json(new
    {
        period = (string?)null,
        lastPeriod = (string?)null,
        currency = (string?)null,
        projectedRevenue = (decimal?)null,
        lastPeriodRevenue = (decimal?)null,
        monthOverMonthChange = (decimal?)null,
        monthOverMonthPercent = (decimal?)null,
        newOverages = Array.Empty<object>(),
        topClients = Array.Empty<object>(),
        lastPeriodStatus = (object?)null,
        revenueBySourceType = Array.Empty<object>(),
        averageRevenuePerClient = (decimal?)null,
        clientsBilledLastPeriod = 0,
        lastProjectionAt = (DateTimeOffset?)null,
    });

    /// <summary>December 2026 projected at AUD 1,234.50 against November's billed AUD 1,097.33 over three clients.</summary>
    public static HttpResponseMessage UsageDashboard(decimal projected = 1234.50m, decimal lastRevenue = 1097.33m,
        decimal change = 137.17m, decimal? percent = 12.5m) => Json(new
        {
            period = "2026-12",
            lastPeriod = "2026-11",
            currency = "AUD",
            projectedRevenue = projected,
            lastPeriodRevenue = lastRevenue,
            monthOverMonthChange = change,
            monthOverMonthPercent = percent,
            newOverages = new object[]
            {
                new
                {
                    clientId = NorthwindId, clientName = "Northwind", bucketId = Guid.Parse("5b000000-0000-4000-8000-000000000011"),
                    bucketName = "Mailboxes", commitUnits = 40m, projectedUsage = 50m, percentOfCommit = 125.0m,
                    lastPeriodPercentOfCommit = 95.0m, projectedCost = 130.00m,
                },
                new
                {
                    clientId = ContosoId, clientName = "Contoso", bucketId = Guid.Parse("5b000000-0000-4000-8000-000000000012"),
                    bucketName = "Backup GB", commitUnits = 500m, projectedUsage = 550m, percentOfCommit = 110.0m,
                    lastPeriodPercentOfCommit = (decimal?)null, projectedCost = 250.63m,
                },
            },
            topClients = new object[]
            {
                new { clientId = ContosoId, clientName = "Contoso", projected = 740.70m, share = 60.0m },
                new { clientId = NorthwindId, clientName = "Northwind", projected = 493.80m, share = 40.0m },
            },
            lastPeriodStatus = new { overCommit = 2, underCommit = 3, mixed = 1, onCommit = 0 },
            revenueBySourceType = new object[]
            {
                new { sourceType = "veeam", revenue = 800.00m, share = 72.9m },
                new { sourceType = "any-source", revenue = 297.33m, share = 27.1m },
            },
            averageRevenuePerClient = 365.78m,
            clientsBilledLastPeriod = 3,
            lastProjectionAt = ProjectedAt,
        });
}

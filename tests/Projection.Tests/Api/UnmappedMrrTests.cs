using System.Net.Http.Json;
using System.Text.Json;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Contracts.Events;
using BillingOne.Testing;

namespace BillingOne.Projection.Tests.Api;

/// <summary>
/// MRR is that of all active subscriptions (docs/domain.md, "One figure, one definition"): the clients' plus those of
/// the Pax8 companies mapped to no client. Alpha has 10 × 10.00 monthly = 100.00 (its history 100.00 every month); the
/// unmapped companies have U1, annual 15 × 213.18 ÷ 12 = 266.475 → 266.48, since the first day two months ago, and U2,
/// monthly 2 × 30.00 = 60.00, since this month's first day: 326.48 now, 266.48 at the end of the two months before.
/// </summary>
[Trait("Category", "Integration")]
public sealed class UnmappedMrrTests(ProjectionFixture fixture) : IClassFixture<ProjectionFixture>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly DateTimeOffset ThisMonth = new(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string Month = ThisMonth.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    private readonly Guid orgId = Guid.NewGuid();
    private readonly Guid alpha = Guid.NewGuid();

    [Fact]
    public async Task The_dashboard_mrr_is_the_clients_plus_the_unmapped_companies_as_every_report_adds_them()
    {
        await GivenTheDatasetAsync();
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly);

        var dashboard = await GetAsync(http, "/api/projection/dashboard");
        (dashboard.GetProperty("clientsMrr").GetDecimal(), dashboard.GetProperty("unmappedMrr").GetDecimal(),
            dashboard.GetProperty("mrr").GetDecimal()).ShouldBe((100.00m, 326.48m, 426.48m));
        dashboard.GetProperty("mrrTrend").EnumerateArray().Select(month => month.GetProperty("amount").GetDecimal())
            .ShouldBe([100m, 100m, 100m, 100m, 100m, 100m, 100m, 100m, 100m, 366.48m, 366.48m, 426.48m]);

        var summary = await GetAsync(http, $"/api/projection/reports/financial-summary?period={Month}");
        summary.GetProperty("months").EnumerateArray().Single().GetProperty("mrrAtEnd").GetDecimal().ShouldBe(426.48m);
        var analytics = await GetAsync(http, $"/api/projection/reports/subscriptions?period={Month}");
        var month = analytics.GetProperty("months").EnumerateArray().Single();
        (month.GetProperty("mrrAtStart").GetDecimal(), month.GetProperty("mrrAtEnd").GetDecimal())
            .ShouldBe((366.48m, 426.48m), "U2 is new this month");
        analytics.GetProperty("products").EnumerateArray()
            .Single(product => product.GetProperty("productName").GetString() == "Unmapped annual")
            .GetProperty("clients").GetInt32().ShouldBe(0, "a company mapped to no client is no client");

        var revenue = await GetAsync(http, $"/api/projection/reports/revenue-by-client?period={Month}");
        var rows = revenue.GetProperty("table").GetProperty("items").EnumerateArray().ToList();
        rows.Single(row => row.GetProperty("clientId").ValueKind == JsonValueKind.Null).GetProperty("mrrAtEnd").GetDecimal()
            .ShouldBe(326.48m, "the Unmapped line");
        revenue.GetProperty("totals").EnumerateArray().Single().GetProperty("mrrAtEnd").GetDecimal().ShouldBe(426.48m);
    }

    [Fact]
    public async Task A_caller_scoped_to_a_client_sees_no_unmapped_mrr()
    {
        await GivenTheDatasetAsync();
        using var http = fixture.Host.ClientFor(orgId, Roles.ReadOnly, clientScope: alpha);

        var dashboard = await GetAsync(http, "/api/projection/dashboard");

        (dashboard.GetProperty("clientsMrr").GetDecimal(), dashboard.GetProperty("unmappedMrr").GetDecimal(),
            dashboard.GetProperty("mrr").GetDecimal()).ShouldBe((100.00m, 0m, 100.00m));
    }

    private async Task GivenTheDatasetAsync()
    {
        await fixture.Host.PublishAndWaitAsync(new ClientUpserted(orgId, alpha, "Alpha Dental", true, "UTC", 1,
            ThisMonth, ThisMonth));
        await fixture.Host.PublishAndWaitAsync(new ClientLicensesChanged(orgId, alpha, 1, ThisMonth, "AUD", 100.00m, 1, 10,
            0, 10.00m, [.. Enumerable.Range(0, 12).Select(back => ThisMonth.AddMonths(-back))
                .Select(month => new MonthlyRecurringRevenue(month.Year, month.Month, 100.00m))],
            [Line("Managed endpoint", 10, 10.00m, "monthly", ThisMonth.AddYears(-2))]));
        var unmapped = new[]
        {
            Line("Unmapped annual", 15, 213.18m, "annual", ThisMonth.AddMonths(-2)),
            Line("Unmapped monthly", 2, 30.00m, "monthly", ThisMonth),
        };
        await fixture.Host.PublishAndWaitAsync(new UnmappedSubscriptionsChanged(orgId, 2, ThisMonth, unmapped));
        // A late, older list changes nothing.
        await fixture.Host.PublishAndWaitAsync(new UnmappedSubscriptionsChanged(orgId, 1, ThisMonth,
            [Line("Unmapped old", 100, 99.00m, "monthly", ThisMonth.AddYears(-1))]));
    }

    private static ClientSubscriptionLine Line(string product, int quantity, decimal unitPrice, string term,
        DateTimeOffset start) =>
        new(Guid.NewGuid(), Guid.NewGuid(), product, quantity, unitPrice, "AUD", term, "active", start, null, null);

    private static async Task<JsonElement> GetAsync(HttpClient http, string path) =>
        (await http.GetFromJsonAsync<JsonElement>(path, Json));
}

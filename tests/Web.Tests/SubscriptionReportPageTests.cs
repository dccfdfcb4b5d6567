using BillingOne.Web.Components.Pages;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;

namespace BillingOne.Web.Tests;

/// <summary>The Reports screen's Subscriptions tab over a stubbed gateway: growth vs churn, the tables, exports, empty state.</summary>
[Trait("Category", "Unit")]
public sealed class SubscriptionReportPageTests : WebUiContext
{
    private const string Path = "/api/projection/reports/subscriptions";
    private static readonly Guid M365 = Guid.Parse("6f1d2c1e-6a3b-4a55-9a1e-3f0c6f1a0101");

    private static object Period(string period, string from, string to, params string[] months) =>
        new { period, from, to, months, asOf = "2025-03-14" };

    [Fact]
    public void Subscriptions_show_growth_vs_churn_per_month_the_tables_and_their_exports()
    {
        Gateway.On(HttpMethod.Get, Path, _ => Json(new
        {
            period = Period("2025-Q1", "2025-01-01", "2025-03-31", "2025-01", "2025-02"),
            months = new object[]
            {
                new { month = "2025-01", currency = "AUD", activeAtStart = 4, @new = 2, cancelled = 1, churnRate = (decimal?)25.0m, mrrAtStart = 400.00m, mrrAtEnd = 460.00m, netMrrChange = 60.00m },
                new { month = "2025-01", currency = "NZD", activeAtStart = 0, @new = 1, cancelled = 0, churnRate = (decimal?)null, mrrAtStart = 0.00m, mrrAtEnd = 36.00m, netMrrChange = 36.00m },
                new { month = "2025-02", currency = "AUD", activeAtStart = 5, @new = 0, cancelled = 2, churnRate = (decimal?)40.0m, mrrAtStart = 460.00m, mrrAtEnd = 400.00m, netMrrChange = -60.00m },
                new { month = "2025-02", currency = "NZD", activeAtStart = 1, @new = 0, cancelled = 0, churnRate = (decimal?)0.0m, mrrAtStart = 36.00m, mrrAtEnd = 36.00m, netMrrChange = 0.00m },
            },
            products = new[] { new { productId = M365, productName = "Microsoft 365", currency = "AUD", subscriptions = 3, licences = 13, clients = 2, mrr = 429.00m } },
            terms = new[]
            {
                new { billingTerm = "monthly", currency = "AUD", subscriptions = 2, licences = 13, mrr = 429.00m },
                new { billingTerm = "annual", currency = "AUD", subscriptions = 1, licences = 7, mrr = 31.50m },
            },
        }));
        Navigation.NavigateTo("reports?report=subscriptions&period=2025-Q1");

        var page = Render<Reports>();
        page.WaitForElement("[data-testid=subscription-months-table]");

        var request = Gateway.RequestsTo(HttpMethod.Get, Path).Last();
        request.Query.ShouldBe(new Dictionary<string, string> { ["period"] = "2025-Q1" });
        page.Find("[data-testid=report-tab-subscriptions]").ClassList.ShouldContain("active");
        // Counts add up across currencies: January 2 + 1 new and 1 cancelled, February 0 new and 2 cancelled.
        page.FindAll("[data-testid=subscription-chart-bar]")
            .Select(bar => (bar.GetAttribute("data-category"), bar.GetAttribute("data-series")))
            .ShouldBe([("2025-01", "New (growth)"), ("2025-01", "Cancelled (churn)"), ("2025-02", "New (growth)"),
                ("2025-02", "Cancelled (churn)")], ignoreOrder: true);
        page.FindAll("[data-testid=subscription-month-row]")[0].QuerySelectorAll("td").Select(cell => cell.TextContent.Trim())
            .ShouldBe(["2025-01", "AUD", "4", "2", "1", "25.0 %", "AUD 400.00", "AUD 460.00", "AUD 60.00"]);
        page.FindAll("[data-testid=subscription-month-row]")[1].QuerySelectorAll("td")[5].TextContent.ShouldBe("—");
        page.Find("[data-testid=subscription-product-row]").QuerySelectorAll("td").Select(cell => cell.TextContent.Trim())
            .ShouldBe(["Microsoft 365", "AUD", "3", "13", "2", "AUD 429.00"]);
        page.FindAll("[data-testid=subscription-term-row]").Select(row => row.QuerySelector("td")!.TextContent)
            .ShouldBe(["monthly", "annual"]);
        page.Find("[data-testid=report-export]").GetAttribute("href").ShouldBe("reports/subscriptions/export.csv?period=2025-Q1");
        page.Find("[data-testid=subscription-products-export]").GetAttribute("href")
            .ShouldBe("reports/subscriptions/export.csv?period=2025-Q1&table=products");
        page.Find("[data-testid=subscription-terms-export]").GetAttribute("href")
            .ShouldBe("reports/subscriptions/export.csv?period=2025-Q1&table=terms");
    }

    [Fact]
    public void A_period_without_subscriptions_says_so_instead_of_an_empty_chart()
    {
        Gateway.On(HttpMethod.Get, Path, _ => Json(new
        {
            period = Period("2025", "2025-01-01", "2025-12-31"),
            months = Array.Empty<object>(),
            products = Array.Empty<object>(),
            terms = Array.Empty<object>(),
        }));
        Navigation.NavigateTo("reports?report=subscriptions&period=2025");

        var page = Render<Reports>();

        page.WaitForElement("[data-testid=report-empty]");
        page.FindAll("[data-testid=subscription-chart]").ShouldBeEmpty();
        page.FindAll("table").ShouldBeEmpty();
    }
}

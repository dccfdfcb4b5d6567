using System.Net;
using BillingOne.Web.Components.Pages;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;

namespace BillingOne.Web.Tests;

/// <summary>The Reports screen over a stubbed gateway: each report's chart, table, export and empty state, and the period picker.</summary>
[Trait("Category", "Unit")]
public sealed class ReportsPageTests : WebUiContext
{
    private const string RevenuePath = "/api/projection/reports/revenue-by-client";
    private const string PaymentsPath = "/api/projection/reports/payments";
    private const string SummaryPath = "/api/projection/reports/financial-summary";
    private static readonly Guid ContosoId = Guid.Parse("6f1d2c1e-6a3b-4a55-9a1e-3f0c6f1a0001");
    private static readonly Guid FabrikamId = Guid.Parse("6f1d2c1e-6a3b-4a55-9a1e-3f0c6f1a0002");

    private static object Period(string period, string from, string to, params string[] months) =>
        new { period, from, to, months, asOf = "2025-03-14" };

    private static object Page(object[] items, int page = 1, long? totalCount = null) =>
        new { items, page, pageSize = 25, totalCount = totalCount ?? items.Length };

    private void ServeRevenue() => Gateway.On(HttpMethod.Get, RevenuePath, request => Json(new
    {
        period = Period(request.Query.GetValueOrDefault("period", "2025-03"), "2025-03-01", "2025-03-31", "2025-03"),
        totals = new[] { new { currency = "AUD", invoices = 3, invoiced = 1500.00m, usageBilled = 250.00m, mrrAtEnd = 900.00m } },
        table = Page(
        [
            new { clientId = ContosoId, clientName = "Contoso", currency = "AUD", invoices = 2, invoiced = 1200.00m, usageBilled = 250.00m, mrrAtEnd = 600.00m },
            new { clientId = FabrikamId, clientName = "Fabrikam", currency = "AUD", invoices = 1, invoiced = 300.00m, usageBilled = 0.00m, mrrAtEnd = 300.00m },
        ]),
    }));

    [Fact]
    public void Revenue_by_client_shows_the_current_month_with_a_chart_a_table_and_its_export()
    {
        ServeRevenue();

        var page = Render<Reports>();
        page.WaitForElement("[data-testid=revenue-table]");

        var request = Gateway.RequestsTo(HttpMethod.Get, RevenuePath).Last();
        (request.Query["period"], request.Query["sort"], request.Query["direction"]).ShouldBe(("2025-03", "invoiced", "desc"));
        page.Find("[data-testid=report-tab-revenue-by-client]").ClassList.ShouldContain("active");
        page.FindAll("[data-testid=revenue-row]").Select(row => row.QuerySelector("td")!.TextContent)
            .ShouldBe(["Contoso", "Fabrikam"]);
        page.FindAll("[data-testid=revenue-row]")[0].QuerySelectorAll("td").Select(cell => cell.TextContent.Trim())
            .ShouldBe(["Contoso", "AUD", "2", "AUD 1,200.00", "AUD 250.00", "AUD 600.00"]);
        var bars = page.FindAll("[data-testid=revenue-chart-bar]");
        bars.Count.ShouldBe(6, "two clients × invoiced, usage billed and MRR");
        bars.Select(bar => bar.GetAttribute("data-category")).Distinct().ShouldBe(["Contoso", "Fabrikam"]);
        page.FindAll("[data-testid=revenue-chart-label] text").Select(label => label.TextContent)
            .ShouldBe(["ContosoContoso", "FabrikamFabrikam"], "each name's tooltip, then the name");
        page.FindAll("[data-testid=revenue-chart-scale]").Select(mark => mark.TextContent)
            .ShouldBe(["AUD 0.00", "AUD 600.00", "AUD 1,200.00"]);
        page.Find("[data-testid=revenue-total-invoiced] dd").TextContent.ShouldBe("AUD 1,500.00");
        page.Find("[data-testid=report-export]").GetAttribute("href")
            .ShouldBe("reports/revenue-by-client/export.csv?period=2025-03&sort=invoiced&direction=desc");
        page.Find("[data-testid=report-period-caption]").TextContent.ShouldContain("2025-03-01 to 2025-03-31");
    }

    [Fact]
    public void Payments_show_paid_outstanding_and_overdue_per_client_and_sort_by_a_column()
    {
        Gateway.On(HttpMethod.Get, PaymentsPath, _ => Json(new
        {
            period = Period("2025-Q1", "2025-01-01", "2025-03-31", "2025-01", "2025-02", "2025-03"),
            totals = new[] { new { currency = "AUD", invoices = 3, invoiced = 1500.00m, paid = 1000.00m, outstanding = 200.00m, overdue = 300.00m } },
            table = Page(
            [
                new { clientId = FabrikamId, clientName = "Fabrikam", currency = "AUD", invoices = 1, invoiced = 300.00m, paid = 0.00m, outstanding = 0.00m, overdue = 300.00m, paidInFull = 0, averageDaysToPay = (decimal?)null },
                new { clientId = ContosoId, clientName = "Contoso", currency = "AUD", invoices = 2, invoiced = 1200.00m, paid = 1000.00m, outstanding = 200.00m, overdue = 0.00m, paidInFull = 1, averageDaysToPay = (decimal?)12.5m },
            ]),
        }));
        Navigation.NavigateTo("reports?report=payments&period=2025-Q1");

        var page = Render<Reports>();
        page.WaitForElement("[data-testid=payment-table]");

        Gateway.RequestsTo(HttpMethod.Get, PaymentsPath).Last().Query["sort"].ShouldBe("overdue");
        page.FindAll("[data-testid=payment-days]").Select(cell => cell.TextContent).ShouldBe(["—", "12.5"]);
        page.FindAll("[data-testid=payment-chart-bar]").Select(bar => bar.GetAttribute("data-series")).Distinct()
            .ShouldBe(["Paid", "Outstanding", "Overdue"]);
        page.Find("[data-testid=report-period-kind]").GetAttribute("value").ShouldBe("quarter");
        page.Find("[data-testid=report-quarter]").GetAttribute("value").ShouldBe("1");

        page.FindAll("th button").Single(button => button.TextContent.Contains("Avg Days to Pay")).Click();

        page.WaitForAssertion(() => Gateway.RequestsTo(HttpMethod.Get, PaymentsPath).Last().Query["sort"].ShouldBe("days-to-pay"));
        Navigation.Uri.ShouldContain("sort=days-to-pay");
    }

    [Fact]
    public void The_financial_summary_charts_its_months_and_lists_them()
    {
        Gateway.On(HttpMethod.Get, SummaryPath, _ => Json(new
        {
            period = Period("2025-01-01..2025-02-28", "2025-01-01", "2025-02-28", "2025-01", "2025-02"),
            totals = new[] { new { currency = "AUD", invoices = 4, invoiced = 2000.00m, paid = 1500.00m, outstanding = 500.00m, overdue = 0.00m, mrrAtEnd = 900.00m, usageBilled = 300.00m } },
            months = new[]
            {
                new { month = "2025-01", currency = "AUD", invoices = 2, invoiced = 1000.00m, paid = 1000.00m, outstanding = 0.00m, overdue = 0.00m, mrrAtEnd = 800.00m, usageBilled = 100.00m },
                new { month = "2025-02", currency = "AUD", invoices = 2, invoiced = 1000.00m, paid = 500.00m, outstanding = 500.00m, overdue = 0.00m, mrrAtEnd = 900.00m, usageBilled = 200.00m },
            },
        }));
        Navigation.NavigateTo("reports?report=financial-summary&from=2025-01-01&to=2025-02-28");

        var page = Render<Reports>();
        page.WaitForElement("[data-testid=summary-table]");

        var request = Gateway.RequestsTo(HttpMethod.Get, SummaryPath).Last();
        (request.Query["from"], request.Query["to"], request.Query.ContainsKey("period")).ShouldBe(("2025-01-01", "2025-02-28", false));
        page.FindAll("[data-testid=summary-row]").Count.ShouldBe(2);
        page.FindAll("[data-testid=summary-chart-bar]").Select(bar => bar.GetAttribute("data-category")).Distinct()
            .ShouldBe(["2025-01", "2025-02"]);
        page.Find("[data-testid=summary-total-mrr] dd").TextContent.ShouldBe("AUD 900.00");
        page.Find("[data-testid=report-export]").GetAttribute("href")
            .ShouldBe("reports/financial-summary/export.csv?from=2025-01-01&to=2025-02-28");
    }

    [Fact]
    public void A_period_without_figures_says_so_instead_of_an_empty_chart()
    {
        Gateway.On(HttpMethod.Get, RevenuePath, _ => Json(new
        {
            period = Period("2025", "2025-01-01", "2025-12-31"),
            totals = Array.Empty<object>(),
            table = Page([]),
        }));
        Navigation.NavigateTo("reports?period=2025");

        var page = Render<Reports>();

        page.WaitForElement("[data-testid=report-empty]");
        page.FindAll("[data-testid=revenue-chart]").ShouldBeEmpty();
        page.FindAll("table").ShouldBeEmpty();
    }

    [Fact]
    public void Choosing_a_year_in_the_picker_shows_that_year()
    {
        ServeRevenue();
        var page = Render<Reports>();
        page.WaitForElement("[data-testid=revenue-table]");

        page.Find("[data-testid=report-period-kind]").Change("year");
        page.Find("[data-testid=report-year]").Change("2024");
        page.Find("[data-testid=report-period]").Submit();

        page.WaitForAssertion(() => Gateway.RequestsTo(HttpMethod.Get, RevenuePath).Last().Query["period"].ShouldBe("2024"));
        Navigation.Uri.ShouldContain("period=2024");
    }

    [Theory]
    [InlineData("quarter", "2025-Q1")]
    [InlineData("year", "2025")]
    [InlineData("month", "2025-03")]
    public void Switching_the_period_kind_starts_from_the_period_shown(string kind, string expected)
    {
        ServeRevenue();
        var page = Render<Reports>();
        page.WaitForElement("[data-testid=revenue-table]");

        page.Find("[data-testid=report-period-kind]").Change(kind);
        page.Find("[data-testid=report-period]").Submit();

        page.WaitForAssertion(() => Navigation.Uri.ShouldEndWith($"reports?period={expected}&report=revenue-by-client&sort=invoiced&direction=desc&page=1"));
        Gateway.RequestsTo(HttpMethod.Get, RevenuePath).Last().Query["period"].ShouldBe(expected);
        page.FindAll("[data-testid=report-error]").ShouldBeEmpty();
    }

    [Fact]
    public void A_custom_range_starts_from_the_days_shown()
    {
        ServeRevenue();
        var page = Render<Reports>();
        page.WaitForElement("[data-testid=revenue-table]");

        page.Find("[data-testid=report-period-kind]").Change("custom");

        page.Find("[data-testid=report-from]").GetAttribute("value").ShouldBe("2025-03-01");
        page.Find("[data-testid=report-to]").GetAttribute("value").ShouldBe("2025-03-31");
    }

    [Fact]
    public void A_year_left_empty_is_asked_for_instead_of_showing_another_period()
    {
        ServeRevenue();
        var page = Render<Reports>();
        page.WaitForElement("[data-testid=revenue-table]");
        var before = Navigation.Uri;

        page.Find("[data-testid=report-period-kind]").Change("year");
        page.Find("[data-testid=report-year]").Change("");
        page.Find("[data-testid=report-period]").Submit();

        page.Find("[data-testid=report-period-missing]").TextContent.ShouldContain("Enter a year.");
        Navigation.Uri.ShouldBe(before);
    }

    [Fact]
    public void The_print_title_names_the_report_and_its_period_and_every_sortable_header_keeps_its_label()
    {
        ServeRevenue();
        Navigation.NavigateTo("reports?period=2025-03");

        var page = Render<Reports>();
        page.WaitForElement("[data-testid=revenue-table]");

        page.Find("[data-testid=print-title]").TextContent
            .ShouldBe("Revenue by client · 2025-03 (2025-03-01 to 2025-03-31)");
        page.FindAll("[data-testid=revenue-table] th").Select(header => header.TextContent.Trim().TrimEnd('▼', ' '))
            .ShouldBe(["Client", "Currency", "Invoices", "Invoiced", "Usage Billed", "MRR at End"]);
    }

    [Fact]
    public void A_bad_period_shows_the_services_problem()
    {
        Gateway.On(HttpMethod.Get, RevenuePath, _ => Problem(HttpStatusCode.BadRequest, "The list query is not valid.",
            errors: new Dictionary<string, string[]> { ["to"] = ["to must be on or after from."] }));
        Navigation.NavigateTo("reports?from=2025-02-01&to=2025-01-01");

        var page = Render<Reports>();

        page.WaitForElement("[data-testid=report-error]").TextContent.ShouldContain("Could not load the report");
        page.FindAll("[data-testid=revenue-table]").ShouldBeEmpty();
    }
}

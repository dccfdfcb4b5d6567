using System.Net;
using BillingOne.Web.Components.Pages.Metering;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;
using static BillingOne.Web.Tests.TestDoubles.MeteringResponses;

namespace BillingOne.Web.Tests.Metering;

[Trait("Category", "Unit")]
public sealed class ProjectionsPageTests : ListPageContext<Projections>
{
    private const string ProjectionsPath = "/api/projection/usage-projections";
    private const string SummaryPath = "/api/projection/usage-projections/summary";
    private const string BacktestPath = "/api/projection/usage-projections/backtest";
    private static readonly Guid BackupId = Guid.Parse("5b000000-0000-4000-8000-000000000001");
    private static readonly Guid TicketsId = Guid.Parse("5b000000-0000-4000-8000-000000000002");
    private static readonly DateTimeOffset CalculatedAt = new(2026, 3, 11, 9, 30, 0, TimeSpan.Zero);

    public ProjectionsPageTests() : base(ProjectionsPath, "projections")
    {
        Navigation.NavigateTo("metering/projections");
        Gateway.On(HttpMethod.Get, SummaryPath, _ => Json(new
        {
            buckets = 2, overCommit = 1, projectedRevenue = 419.75m, currency = "AUD", calculatedAt = CalculatedAt,
        }));
        ServeBacktest(new
        {
            aggregation = "sum", periodsScored = 13, periodsWithZeroActual = 0, linearMape = 5.4m, dayOfWeekMape = 0.0m,
            levelMape = (decimal?)null, chosenMethod = "day-of-week", chosenMape = 0.0m,
        }, new
        {
            aggregation = "count", periodsScored = 4, periodsWithZeroActual = 1, linearMape = (decimal?)null,
            dayOfWeekMape = (decimal?)null, levelMape = 8.0m, chosenMethod = "level", chosenMape = 8.0m,
        }, new
        {
            aggregation = "max", periodsScored = 0, periodsWithZeroActual = 2, linearMape = (decimal?)null,
            dayOfWeekMape = (decimal?)null, levelMape = (decimal?)null, chosenMethod = "level", chosenMape = (decimal?)null,
        });
    }

    private void ServeBacktest(params object[] items) =>
        Gateway.On(HttpMethod.Get, BacktestPath, _ => Json(new { days = 10, items }));

    private static object Projection(Guid bucketId, string bucketName, string aggregation, decimal current,
        decimal projected, decimal cost, decimal? percent, string status, string method) => new
        {
            clientId = ContosoId,
            clientName = "Contoso",
            bucketId,
            bucketName,
            unitTypeKey = "storage-gb",
            aggregation,
            currency = "AUD",
            commitUnits = 200m,
            currentUsage = current,
            projectedUsage = projected,
            projectedCost = cost,
            percentOfCommit = percent,
            status,
            method,
            year = 2026,
            month = 3,
            calculatedAt = CalculatedAt,
        };

    [Fact]
    public void Shows_each_bucket_with_its_projection_status_and_the_totals()
    {
        ServeList(
            // A count is a level: 265 counted so far project to 265 (base 250 + 65 above the 200 commit × 1.00).
            Projection(TicketsId, "Tickets", "count", 265m, 265.00m, 315.00m, 132.5m, "over-commit", "level"),
            Projection(BackupId, "Backup GB", "sum", 76m, 238.00m, 104.75m, null, "on-track", "day-of-week"));

        var page = RenderLoaded();

        ColumnHeaders(page).ShouldBe(["Client", "Bucket", "Current Usage", "Projected Usage", "Projected Cost",
            "% of Commit", "Projected", "Calculated At"]);
        var rows = page.FindAll("[data-testid=projections-row]");
        rows.Select(row => row.QuerySelectorAll("td").Select(CellText).ToList()).ToList().ShouldBe([
            ["Contoso", "Tickets 00000002 · count", "265", "265.00 Level", "AUD 315.00", "132.5 %", "Over commit", "2026-03-11 09:30 UTC"],
            ["Contoso", "Backup GB 00000001 · sum", "76", "238.00 Day of week", "AUD 104.75", "—", "On track", "2026-03-11 09:30 UTC"],
        ]);
        rows[0].QuerySelector("[data-testid=projections-status] .badge")!.ClassList.ShouldContain("badge-over");
        rows[1].QuerySelector("[data-testid=projections-status] .badge")!.ClassList.ShouldContain("badge-on-track");
        page.Find("[data-testid=projections-buckets]").TextContent.ShouldBe("2");
        page.Find("[data-testid=projections-over-commit]").TextContent.ShouldBe("1");
        page.Find("[data-testid=projections-revenue]").TextContent.ShouldBe("AUD 419.75", "315.00 + 104.75");
        page.Find("[data-testid=projections-calculated-at]").TextContent.ShouldBe("2026-03-11 09:30 UTC");
        LastListRequest.Query["sort"].ShouldBe("projected-cost");
        LastListRequest.Query["direction"].ShouldBe("desc");
    }

    [Fact]
    public void Search_status_and_sort_go_to_the_address_the_request_the_totals_and_the_export_link()
    {
        ServeList(Projection(BackupId, "Backup GB", "sum", 76m, 238.00m, 104.75m, 119.0m, "over-commit", "day-of-week"));
        var page = RenderLoaded();

        page.Find("[data-testid=projections-search]").Change("backup");
        page.Find("[data-testid=projections-status-filter]").Change("over-commit");
        page.Find("[data-testid=sort-percent-of-commit]").Click();

        Navigation.Uri.ShouldBe("http://localhost/metering/projections?search=backup&status=over-commit&sort=percent-of-commit");
        page.WaitForAssertion(() => LastListRequest.Query["sort"].ShouldBe("percent-of-commit"));
        LastListRequest.Query["direction"].ShouldBe("desc");
        LastListRequest.Query["status"].ShouldBe("over-commit");
        LastListRequest.Query["search"].ShouldBe("backup");
        var totals = Gateway.RequestsTo(HttpMethod.Get, SummaryPath)[^1];
        totals.Query["status"].ShouldBe("over-commit");
        totals.Query["search"].ShouldBe("backup");
        page.Find("[data-testid=projections-export]").GetAttribute("href").ShouldBe(
            "metering/projections/export.csv?status=over-commit&search=backup&sort=percent-of-commit&direction=desc");

        page.Find("[data-testid=sort-client]").Click();
        Navigation.Uri.ShouldBe("http://localhost/metering/projections?search=backup&status=over-commit&sort=client");
        page.WaitForAssertion(() => LastListRequest.Query["direction"].ShouldBe("asc"));
    }

    [Fact]
    public void Pages_through_the_projections_from_the_address()
    {
        Navigation.NavigateTo("metering/projections?page=2");
        Gateway.On(HttpMethod.Get, ProjectionsPath, request => Paged(request,
            [Projection(BackupId, "Backup GB", "sum", 76m, 238.00m, 104.75m, 119.0m, "over-commit", "day-of-week")],
            totalCount: 26));

        var page = RenderLoaded();

        LastListRequest.Query["page"].ShouldBe("2");
        LastListRequest.Query["pageSize"].ShouldBe("25");
        page.Find("[data-testid=projections-prev]").Click();
        Navigation.Uri.ShouldBe("http://localhost/metering/projections");
        page.WaitForAssertion(() => LastListRequest.Query["page"].ShouldBe("1"));
    }

    [Fact]
    public void The_backtest_panel_shows_each_candidates_error_the_chosen_method_with_its_error_and_its_bars()
    {
        ServeList();
        var page = RenderLoaded();

        page.WaitForElement("[data-testid=projections-backtest-table]");
        page.FindAll("[data-testid=projections-backtest-row]").Select(row => row.QuerySelectorAll("td").Select(CellText).ToList())
            .ToList().ShouldBe([
                ["sum", "13", "0", "5.4 %", "0.0 %", "—", "Day of week", "0.0 %"],
                ["count", "4", "1", "—", "—", "8.0 %", "Level", "8.0 %"],
                ["max", "0", "2", "—", "—", "—", "Level", "—"],
            ]);
        page.Find("[data-testid=projections-backtest-how]").TextContent.ShouldContain("first 10 days");
        var bars = page.FindAll("[data-testid=projections-backtest-chart-bar]");
        bars.Select(bar => (bar.GetAttribute("data-category"), bar.GetAttribute("data-series"))).ShouldBe([
            ("sum", "Chosen method"), ("count", "Chosen method"),
        ], "max has no scored period, so no bar");
        // The tallest bar (count, the level's 8.0 %) fills the plot; sum's chosen day of week erred 0.0 %.
        double Height(int index) => double.Parse(bars[index].GetAttribute("height")!, System.Globalization.CultureInfo.InvariantCulture);
        Height(1).ShouldBe(160);
        Height(0).ShouldBe(0);
    }

    [Fact]
    public void Without_finalized_periods_the_backtest_says_sums_are_linear_and_levels_held()
    {
        ServeBacktest();
        ServeList();

        var page = RenderLoaded();

        page.WaitForElement("[data-testid=projections-backtest-empty]").TextContent
            .ShouldBe("No finalized periods to backtest yet: sums are projected linearly and the other aggregations at their level so far.");
        page.FindAll("[data-testid=projections-backtest-chart]").ShouldBeEmpty();
    }

    [Fact]
    public void Without_projections_says_no_projections_and_where_they_come_from()
    {
        ServeList();

        var page = RenderLoaded();

        CellText(page.Find("[data-testid=projections-empty]")).ShouldBe(
            "No projections A projection appears once metering reports the usage of an enabled bucket in its current period.");
    }

    [Fact]
    public void A_filter_that_matches_nothing_offers_to_clear_it()
    {
        Navigation.NavigateTo("metering/projections?status=on-track&search=zzz");
        ServeList();

        var page = RenderLoaded();

        CellText(page.Find("[data-testid=projections-empty]")).ShouldStartWith("No projections match");
        page.Find("[data-testid=projections-clear-filters]").Click();
        Navigation.Uri.ShouldBe("http://localhost/metering/projections");
    }

    [Fact]
    public void A_failed_backtest_says_so_without_hiding_the_list()
    {
        Gateway.On(HttpMethod.Get, BacktestPath, _ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        ServeList(Projection(BackupId, "Backup GB", "sum", 76m, 238.00m, 104.75m, 119.0m, "over-commit", "day-of-week"));

        var page = RenderLoaded();

        page.WaitForElement("[data-testid=projections-backtest-error]").TextContent.ShouldStartWith("Could not load the backtest: ");
        page.FindAll("[data-testid=projections-row]").Count.ShouldBe(1);
    }
}

using System.Globalization;
using System.Net;
using BillingOne.Web.Components.Pages.Metering;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;
using static BillingOne.Web.Tests.TestDoubles.MeteringResponses;
using static BillingOne.Web.Tests.TestDoubles.UsageAnalyticsResponses;

namespace BillingOne.Web.Tests.Metering;

[Trait("Category", "Unit")]
public sealed class OverUnderPageTests : ListPageContext<OverUnder>
{
    private static readonly Guid FabrikamId = Guid.Parse("6f1d2c1e-6a3b-4a55-9a1e-3f0c6f1a0003");

    public OverUnderPageTests() : base(OverUnderClientsPath, "over-under")
    {
        Navigation.NavigateTo("metering/over-under");
        Gateway.On(HttpMethod.Get, OverUnderSummaryPath, request => Json(new
        {
            period = request.Query.GetValueOrDefault("period", "2026-11"),
            periods = new[] { "2026-11", "2026-10", "2026-09" },
            currency = "AUD",
            clients = 3, overCommit = 1, underCommit = 1, mixed = 1, onCommit = 0,
            finalCost = 2250.00m, committed = 2050.00m, overage = 300.00m, buffer = 140.00m,
        }));
        Gateway.On(HttpMethod.Get, OverUnderTrendPath, _ => Json(new
        {
            currency = "AUD",
            points = new[]
            {
                new { period = "2026-09", overage = 120.00m, buffer = 60.00m },
                new { period = "2026-10", overage = 200.00m, buffer = 80.00m },
                new { period = "2026-11", overage = 300.00m, buffer = 140.00m },
            },
        }));
        Gateway.On(HttpMethod.Get, RightSizePath, _ => Json(new
        {
            period = "2026-11",
            currency = "AUD",
            totalBuffer = 140.00m,
            items = new object[]
            {
                new { clientId = ContosoId, clientName = "Contoso", unitTypes = new[] { "backup-gb", "mailbox" },
                    committed = 1100.00m, buffer = 100.00m, bufferUnits = 200m, percentUnused = 9.1m },
                new { clientId = FabrikamId, clientName = "Fabrikam", unitTypes = new[] { "mailbox" },
                    committed = 250.00m, buffer = 40.00m, bufferUnits = 8m, percentUnused = (decimal?)16.0m },
            },
        }));
        Gateway.On(HttpMethod.Get, OverUnderUnitTypesPath, _ => Json(new
        {
            period = "2026-11",
            currency = "AUD",
            items = new object[]
            {
                new { unitTypeKey = "backup-gb", buckets = 2, deltaUnits = 150m, overage = 250.00m, buffer = 60.00m },
                new { unitTypeKey = "mailbox", buckets = 1, deltaUnits = -12m, overage = 50.00m, buffer = 80.00m },
            },
        }));
    }

    private static object Client(Guid clientId, string name, string[] unitTypes, string status, decimal finalCost,
        decimal committed, decimal vsCommit, decimal overage, decimal buffer) => new
        {
            clientId, clientName = name, unitTypes, status, currency = "AUD", finalCost, committed, vsCommit, overage, buffer,
        };

    private void ServeClients() => ServeList(
        Client(ContosoId, "Contoso", ["backup-gb", "mailbox"], "mixed", 1200.00m, 1100.00m, 50.00m, 150.00m, 100.00m),
        Client(FabrikamId, "Fabrikam", ["mailbox"], "under-commit", 250.00m, 250.00m, -40.00m, 0.00m, 40.00m),
        Client(NorthwindId, "Northwind", ["backup-gb"], "over-commit", 800.00m, 700.00m, 150.00m, 150.00m, 0.00m));

    private IRenderedComponent<OverUnder> RenderAll()
    {
        var page = RenderLoaded();
        page.WaitForElement("[data-testid=unit-types-table]");
        page.WaitForElement("[data-testid=right-size-table]");
        page.WaitForElement("[data-testid=over-under-trend-chart]");
        return page;
    }

    private static List<List<string>> Rows(IRenderedComponent<OverUnder> page, string rowTestId) =>
        page.FindAll($"[data-testid={rowTestId}]").Select(row => row.QuerySelectorAll("td").Select(CellText).ToList()).ToList();

    [Fact]
    public void Lists_each_client_with_its_status_and_what_it_paid_against_its_commit()
    {
        ServeClients();

        var page = RenderAll();

        page.Find("h1").TextContent.ShouldBe("Over/Under");
        ColumnHeaders(page).ShouldBe(["Client", "Unit Types", "Status", "Final Cost", "vs Commit", "Overage", "Buffer"]);
        Rows(page, "over-under-row").ShouldBe([
            ["Contoso", "backup-gb, mailbox", "Mixed", "AUD 1,200.00", "+AUD 50.00", "AUD 150.00", "AUD 100.00"],
            ["Fabrikam", "mailbox", "Under commit", "AUD 250.00", "−AUD 40.00", "AUD 0.00", "AUD 40.00"],
            ["Northwind", "backup-gb", "Over commit", "AUD 800.00", "+AUD 150.00", "AUD 150.00", "AUD 0.00"],
        ]);
        page.FindAll("[data-testid=over-under-row] .badge").Select(badge => badge.ClassList.Last())
            .ShouldBe(["badge-mixed", "badge-under-commit", "badge-over"]);
        page.Find("[data-testid=over-under-row] a").GetAttribute("href").ShouldBe($"clients/{ContosoId}");
        page.Find("[data-testid=over-under-final-cost]").TextContent.ShouldContain("AUD 2,250.00");
        page.Find("[data-testid=over-under-buffer]").TextContent.ShouldContain("AUD 140.00");
        LastListRequest.Query.ShouldBe(new Dictionary<string, string>
        {
            ["sort"] = "client", ["direction"] = "asc", ["page"] = "1", ["pageSize"] = "25",
        }, "without a period in the address the service shows the latest finalized one");
    }

    [Fact]
    public void The_status_filters_count_their_clients_and_narrow_the_list_through_the_address()
    {
        ServeClients();
        var page = RenderAll();

        page.FindAll("[data-testid=over-under-filters] h2").Select(title => title.TextContent)
            .ShouldBe(["All Clients", "Over Commit", "Under Commit", "Mixed"]);
        page.Find("[data-testid=over-under-filter-all-count]").TextContent.ShouldBe("3");
        page.Find("[data-testid=over-under-filter-mixed]").TextContent.ShouldContain("Both over and under buckets");
        page.Find("[data-testid=over-under-filter-all]").GetAttribute("aria-pressed").ShouldBe("true");

        page.Find("[data-testid=over-under-filter-mixed]").Click();

        Navigation.Uri.ShouldBe("http://localhost/metering/over-under?status=mixed");
        page.WaitForAssertion(() => LastListRequest.Query["status"].ShouldBe("mixed"));
        page.Find("[data-testid=over-under-filter-mixed]").GetAttribute("aria-pressed").ShouldBe("true");
        page.Find("[data-testid=over-under-export]").GetAttribute("href")
            .ShouldBe("metering/over-under/clients.csv?status=mixed&sort=client&direction=asc");

        page.Find("[data-testid=over-under-filter-under-commit]").Click();
        page.WaitForAssertion(() => LastListRequest.Query["status"].ShouldBe("under-commit"));
        page.Find("[data-testid=over-under-filter-all]").Click();
        Navigation.Uri.ShouldBe("http://localhost/metering/over-under");
        page.WaitForAssertion(() => LastListRequest.Query.ShouldNotContainKey("status"));
    }

    [Fact]
    public void Picking_a_period_reloads_every_table_of_that_period()
    {
        ServeClients();
        var page = RenderAll();

        page.FindAll("[data-testid=over-under-period] option").Select(option => option.TextContent)
            .ShouldBe(["2026-11", "2026-10", "2026-09"]);

        page.Find("[data-testid=over-under-period]").Change("2026-10");

        Navigation.Uri.ShouldBe("http://localhost/metering/over-under?period=2026-10");
        page.WaitForAssertion(() => LastListRequest.Query["period"].ShouldBe("2026-10"));
        page.WaitForAssertion(() => Gateway.RequestsTo(HttpMethod.Get, RightSizePath)[^1].Query["period"].ShouldBe("2026-10"));
        Gateway.RequestsTo(HttpMethod.Get, OverUnderSummaryPath)[^1].Query["period"].ShouldBe("2026-10");
        Gateway.RequestsTo(HttpMethod.Get, OverUnderUnitTypesPath)[^1].Query["period"].ShouldBe("2026-10");
        Gateway.RequestsTo(HttpMethod.Get, OverUnderTrendPath).ShouldHaveSingleItem("the trend covers the last periods whichever is shown");
        page.Find("[data-testid=unit-types-export]").GetAttribute("href").ShouldBe("metering/over-under/unit-types.csv?period=2026-10");
        page.Find("[data-testid=right-size-export]").GetAttribute("href").ShouldBe("metering/over-under/right-size.csv?period=2026-10");
    }

    [Fact]
    public void Search_and_sort_go_to_the_address_the_request_and_the_export_link()
    {
        ServeClients();
        var page = RenderAll();

        page.Find("[data-testid=over-under-search]").Change("con");
        page.Find("[data-testid=sort-buffer]").Click();

        Navigation.Uri.ShouldBe("http://localhost/metering/over-under?search=con&sort=buffer");
        page.WaitForAssertion(() => LastListRequest.Query["sort"].ShouldBe("buffer"));
        LastListRequest.Query["direction"].ShouldBe("desc");
        LastListRequest.Query["search"].ShouldBe("con");
        page.Find("[data-testid=over-under-export]").GetAttribute("href")
            .ShouldBe("metering/over-under/clients.csv?search=con&sort=buffer&direction=desc");

        page.Find("[data-testid=sort-buffer]").Click();
        Navigation.Uri.ShouldBe("http://localhost/metering/over-under?search=con&sort=buffer&direction=asc");
        page.WaitForAssertion(() => LastListRequest.Query["direction"].ShouldBe("asc"));
    }

    [Fact]
    public void Pages_through_the_clients_from_the_address()
    {
        Navigation.NavigateTo("metering/over-under?page=2");
        Gateway.On(HttpMethod.Get, OverUnderClientsPath, request => Paged(request,
            [Client(ContosoId, "Contoso", ["backup-gb"], "mixed", 1200.00m, 1100.00m, 50.00m, 150.00m, 100.00m)], totalCount: 26));

        var page = RenderLoaded();

        LastListRequest.Query["page"].ShouldBe("2");
        page.Find("[data-testid=over-under-prev]").Click();
        Navigation.Uri.ShouldBe("http://localhost/metering/over-under");
        page.WaitForAssertion(() => LastListRequest.Query["page"].ShouldBe("1"));
    }

    [Fact]
    public void The_trend_draws_overage_against_buffer_per_period_under_the_seeds_caption()
    {
        ServeClients();
        var page = RenderAll();

        page.Find("[data-testid=over-under-trend] h2").TextContent.ShouldBe("Trend — Last 12 Periods");
        page.Find("[data-testid=over-under-trend-caption]").TextContent
            .ShouldBe("Overage = $ billed above commit. Buffer = $ paid for unused capacity.");
        var bars = page.FindAll("[data-testid=over-under-trend-chart-bar]");
        bars.Select(bar => $"{bar.GetAttribute("data-category")} {bar.GetAttribute("data-series")}").ShouldBe([
            "2026-09 Overage", "2026-09 Buffer", "2026-10 Overage", "2026-10 Buffer", "2026-11 Overage", "2026-11 Buffer",
        ]);
        // AUD 300.00 of overage in 2026-11 fills the plot (160); the rest in proportion.
        bars.Select(bar => double.Parse(bar.GetAttribute("height")!, CultureInfo.InvariantCulture))
            .ShouldBe([64, 32, 106.67, 42.67, 160, 74.67]);
        Gateway.RequestsTo(HttpMethod.Get, OverUnderTrendPath).ShouldHaveSingleItem().Query["periods"].ShouldBe("12");
    }

    [Fact]
    public void Right_size_candidates_show_the_top_buffers_and_filter_by_unit_type_through_the_address()
    {
        ServeClients();
        var page = RenderAll();

        page.Find("[data-testid=right-size] h2").TextContent.ShouldBe("Right-Size Candidates — Top Under-Commit by $");
        page.Find("[data-testid=right-size-caption]").TextContent.ShouldBe(
            "Clients paying for capacity they're not using. Surface these for commit-rightsizing conversations before they discover it themselves.");
        page.FindAll("[data-testid=right-size-table] thead th").Select(header => header.TextContent)
            .ShouldBe(["Client", "Unit Types", "Committed ($)", "Buffer ($)", "Buffer Units", "% Unused"]);
        Rows(page, "right-size-row").ShouldBe([
            ["Contoso", "backup-gb, mailbox", "AUD 1,100.00", "AUD 100.00", "200", "9.1 %"],
            ["Fabrikam", "mailbox", "AUD 250.00", "AUD 40.00", "8", "16.0 %"],
        ]);
        CellText(page.Find("[data-testid=right-size-total]")).ShouldBe("Total buffer this period: AUD 140.00");
        page.FindAll("[data-testid=right-size-unit-type] option").Select(option => option.TextContent)
            .ShouldBe(["All", "backup-gb", "mailbox"]);
        page.FindAll("[data-testid=right-size-clear]").ShouldBeEmpty();
        var first = Gateway.RequestsTo(HttpMethod.Get, RightSizePath).ShouldHaveSingleItem();
        first.Query["limit"].ShouldBe("10");
        first.Query.ShouldNotContainKey("unitType");

        page.Find("[data-testid=right-size-unit-type]").Change("mailbox");

        Navigation.Uri.ShouldBe("http://localhost/metering/over-under?unitType=mailbox");
        page.WaitForAssertion(() => Gateway.RequestsTo(HttpMethod.Get, RightSizePath)[^1].Query["unitType"].ShouldBe("mailbox"));
        page.Find("[data-testid=right-size-export]").GetAttribute("href").ShouldBe("metering/over-under/right-size.csv?unitType=mailbox");
        page.Find("[data-testid=right-size-clear]").TextContent.ShouldBe("clear");

        page.Find("[data-testid=right-size-clear]").Click();
        Navigation.Uri.ShouldBe("http://localhost/metering/over-under");
        page.WaitForAssertion(() => Gateway.RequestsTo(HttpMethod.Get, RightSizePath)[^1].Query.ShouldNotContainKey("unitType"));
    }

    [Fact]
    public void By_unit_type_explains_its_three_lenses_over_the_table_and_in_the_headers_tooltips()
    {
        ServeClients();
        var page = RenderAll();

        page.Find("[data-testid=unit-types] h2").TextContent.ShouldBe("By Unit Type");
        page.FindAll("[data-testid=unit-types-intro] p, [data-testid=unit-types-intro] li").Select(line => line.TextContent).ShouldBe([
            "Three lenses on renewal strategy:", "(Hover column headers for details.)",
            "Δ Units = what's actually being delivered.", "Overage $ = upsell wins.", "Buffer $ = retention risk.",
        ], ignoreOrder: true);
        page.FindAll("[data-testid=unit-types-table] thead th").Select(header => header.TextContent)
            .ShouldBe(["Unit Type", "Δ Units ⓘ", "Overage $ ⓘ", "Buffer $ ⓘ"]);
        page.Find("[data-testid=unit-types-delta-header]").GetAttribute("title").ShouldBe(
            "Δ Units = what's actually being delivered. Billed usage minus commit, summed over the unit type's buckets; below zero, less was used than committed.");
        page.Find("[data-testid=unit-types-overage-header]").GetAttribute("title")!.ShouldStartWith("Overage $ = upsell wins. ");
        page.Find("[data-testid=unit-types-buffer-header]").GetAttribute("title")!.ShouldStartWith("Buffer $ = retention risk. ");
        Rows(page, "unit-type-row").ShouldBe([
            ["backup-gb 2 buckets", "+150", "AUD 250.00", "AUD 60.00"],
            ["mailbox 1 bucket", "−12", "AUD 50.00", "AUD 80.00"],
        ]);
    }

    [Fact]
    public void A_filter_matching_no_client_says_so_in_the_seeds_words()
    {
        Navigation.NavigateTo("metering/over-under?status=over-commit&search=zzz");

        RenderEmptySaying("No clients match this filter.");

        LastListRequest.Query["status"].ShouldBe("over-commit");
    }

    [Fact]
    public void Without_a_finalized_period_says_no_billing_readings_were_found()
    {
        Gateway.On(HttpMethod.Get, OverUnderSummaryPath, _ => Json(new
        {
            period = (string?)null, periods = Array.Empty<string>(), currency = (string?)null,
            clients = 0, overCommit = 0, underCommit = 0, mixed = 0, onCommit = 0,
            finalCost = 0m, committed = 0m, overage = 0m, buffer = 0m,
        }));
        ServeList();

        var page = Render<OverUnder>();

        page.WaitForElement("[data-testid=over-under-no-readings]").TextContent.Trim()
            .ShouldBe("No billing readings found for this period.");
        page.FindAll("table").ShouldBeEmpty();
        page.FindAll("[data-testid=over-under-filters]").ShouldBeEmpty();
    }

    [Fact]
    public void Failures_show_their_problem_where_the_table_would_be()
    {
        Gateway.On(HttpMethod.Get, OverUnderClientsPath, _ => Problem(HttpStatusCode.ServiceUnavailable, "Projection service unavailable"));
        Gateway.On(HttpMethod.Get, OverUnderTrendPath, _ => Problem(HttpStatusCode.ServiceUnavailable, "Projection service unavailable"));
        Gateway.On(HttpMethod.Get, RightSizePath, _ => Problem(HttpStatusCode.InternalServerError, "Something broke"));

        var page = Render<OverUnder>();

        page.WaitForElement("[data-testid=over-under-error]").TextContent
            .ShouldContain("Could not load clients: Projection service unavailable");
        page.WaitForElement("[data-testid=over-under-trend-error]").TextContent
            .ShouldContain("Could not load the trend: Projection service unavailable");
        page.WaitForElement("[data-testid=right-size-error]").TextContent
            .ShouldContain("Could not load the right-size candidates: Something broke");
        page.WaitForElement("[data-testid=unit-types-table]");
    }

    [Fact]
    public void A_period_the_service_refuses_shows_the_validation_problem()
    {
        Navigation.NavigateTo("metering/over-under?period=2026-13");
        Gateway.On(HttpMethod.Get, OverUnderSummaryPath, _ => Problem(HttpStatusCode.BadRequest, "One or more validation errors occurred.",
            errors: new Dictionary<string, string[]> { ["period"] = ["The period must be YYYY-MM."] }));
        ServeList();

        var page = Render<OverUnder>();

        var alert = page.WaitForElement("[data-testid=over-under-summary-error]");
        alert.TextContent.ShouldContain("The period must be YYYY-MM.");
        Gateway.RequestsTo(HttpMethod.Get, OverUnderSummaryPath)[^1].Query["period"].ShouldBe("2026-13");
        page.FindAll("[data-testid=over-under-period] option").Select(option => option.TextContent).ShouldBe(["2026-13"]);
    }
}

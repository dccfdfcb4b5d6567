using System.Net;
using BillingOne.Web.Components.Metering;
using BillingOne.Web.Components.Pages.Metering;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using static BillingOne.Web.Tests.TestDoubles.BillingResponses;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;
using static BillingOne.Web.Tests.TestDoubles.MeteringResponses;

namespace BillingOne.Web.Tests.Metering;

[Trait("Category", "Unit")]
public sealed class BillingReadingsPageTests : ListPageContext<BillingReadings>
{
    private const string Newest = "2025-02";
    private const string Earlier = "2025-01";
    private static readonly Guid RunId = Guid.Parse("9e000000-0000-4000-8000-000000000001");
    private static readonly Guid BucketId = Guid.Parse("9c000000-0000-4000-8000-000000000001");
    private static readonly Guid AdjustedBucketId = Guid.Parse("9c000000-0000-4000-8000-000000000002");

    public BillingReadingsPageTests()
        : base(PeriodClientsPath(Newest), "billing-clients")
    {
        ServePeriods(Period(Newest, totals: [Total(1250m), Total(40m, "USD")], adjustments: 1), Period(Earlier, status: "final"));
        ServeLatestRun();
    }

    private void ServePeriods(params object[] periods) =>
        Gateway.On(HttpMethod.Get, PeriodsPath, request => Paged(request, periods));

    private void ServeLatestRun(params object[] runs) =>
        Gateway.On(HttpMethod.Get, RunsPath, request => Paged(request, runs));

    private static object Contoso(int adjustments = 0) =>
        ClientSummary("Contoso", clientId: ContosoId, totals: [Total(1000m)], adjustments: adjustments);

    [Fact]
    public void Lists_the_most_recently_loaded_periods_clients_with_the_seed_columns_and_totals_per_currency()
    {
        ServeList(
            Contoso(),
            ClientSummary("Northwind", clientId: NorthwindId, totals: [Total(250m), Total(40m, "USD")], buckets: 1,
                adjustments: 1, status: "partial"));

        var page = RenderLoaded();

        page.Find("h1").TextContent.ShouldBe("Billing Readings");
        ColumnHeaders(page).ShouldBe(["Client", "Period Start", "Period End", "Buckets", "Total Cost"]);
        var rows = page.FindAll("[data-testid=billing-client-row]");
        rows.Select(row => row.QuerySelectorAll("td").Skip(1).Take(3).Select(CellText).ToList()).ShouldBe(
        [
            ["2025-01-31 13:00 UTC", "2025-02-28 13:00 UTC", "2"],
            ["2025-01-31 13:00 UTC", "2025-02-28 13:00 UTC", "1"],
        ]);
        rows.Select(row => row.QuerySelector("[data-testid=billing-client-select]")!.TextContent.Trim()).ShouldBe(["Contoso", "Northwind"]);
        rows.Select(row => row.QuerySelectorAll("[data-testid=billing-client-name] .tag").Select(tag => tag.TextContent).ToList())
            .ShouldBe([[], ["Partly final", "1 adjustment"]]);
        rows.Select(row => row.QuerySelectorAll("[data-testid=billing-client-total] [data-testid=money-total]").Select(total => total.TextContent).ToList())
            .ShouldBe([["AUD 1,000.00"], ["AUD 250.00", "USD 40.00"]], "amounts of different currencies are not added up");
        page.FindAll("[data-testid=billing-period-total] [data-testid=money-total]").Select(total => total.TextContent)
            .ShouldBe(["AUD 1,250.00", "USD 40.00"]);
        CellText(page.Find("[data-testid=billing-period-summary]")).ShouldBe("Draft 2025-02 · 2 clients · 3 buckets · 1 adjustment");
        page.FindAll("[data-testid=billing-period-filter] option").Select(option => option.TextContent).ShouldBe([Newest, Earlier]);
        page.Find("[data-testid=billing-period-filter]").GetAttribute("value").ShouldBe(Newest);
        var query = LastListRequest.Query;
        query["page"].ShouldBe("1");
        query["pageSize"].ShouldBe("25");
        query.Keys.ShouldBe(["page", "pageSize"], ignoreOrder: true);
        Gateway.RequestsTo(HttpMethod.Get, PeriodsPath).ShouldHaveSingleItem().Query["pageSize"].ShouldBe("200");
    }

    [Fact]
    public void Says_no_billing_readings_for_a_period_without_any() => RenderEmptySaying("No billing readings");

    [Fact]
    public void Says_no_billing_readings_for_a_client_without_any()
    {
        ServeList(Contoso());
        Gateway.On(HttpMethod.Get, ReadingsPath, request => Paged(request, []));
        var page = RenderLoaded();

        page.Find("[data-testid=billing-client-select]").Click();

        page.WaitForElement("[data-testid=billing-readings-empty]").TextContent.Trim().ShouldBe("No billing readings");
    }

    [Fact]
    public void Says_no_data_loaded_while_no_period_has_billing_readings()
    {
        ServePeriods();

        var page = Render<BillingReadings>();

        page.WaitForElement("[data-testid=billing-no-data]").TextContent.ShouldBe("No data loaded");
        page.FindAll("table").ShouldBeEmpty();
        page.FindAll("[data-testid=billing-export]").ShouldBeEmpty("there is nothing to export");
        Gateway.Requests.ShouldNotContain(request => request.Path.EndsWith("/clients", StringComparison.Ordinal));
    }

    [Fact]
    public void A_reload_restores_the_period_search_months_and_page_from_the_address()
    {
        Navigation.NavigateTo("metering/billing-readings?period=2025-01&search=con&from=2024-12-01&to=2025-01-31&page=2");
        Gateway.On(HttpMethod.Get, PeriodClientsPath(Earlier), request => Paged(request, [Contoso()], totalCount: 60));

        var page = RenderLoaded();

        var periodsQuery = Gateway.RequestsTo(HttpMethod.Get, PeriodsPath).ShouldHaveSingleItem().Query;
        (periodsQuery["from"], periodsQuery["to"]).ShouldBe(("2024-12-01", "2025-01-31"));
        var query = Gateway.RequestsTo(HttpMethod.Get, PeriodClientsPath(Earlier))[^1].Query;
        (query["search"], query["page"]).ShouldBe(("con", "2"));
        Gateway.RequestsTo(HttpMethod.Get, PeriodClientsPath(Newest)).ShouldBeEmpty();
        page.Find("[data-testid=billing-period-filter]").GetAttribute("value").ShouldBe(Earlier);
        page.Find("[data-testid=billing-client-search]").GetAttribute("value").ShouldBe("con");
        page.Find("[data-testid=billing-months-from-filter]").GetAttribute("value").ShouldBe("2024-12-01");
        page.Find("[data-testid=billing-months-to-filter]").GetAttribute("value").ShouldBe("2025-01-31");
        page.Find("[data-testid=billing-export]").GetAttribute("href").ShouldBe("metering/billing-readings/export?period=2025-01");
    }

    [Fact]
    public void Choosing_a_period_searching_paging_and_the_months_go_to_the_address()
    {
        Navigation.NavigateTo("metering/billing-readings");
        Gateway.On(HttpMethod.Get, PeriodClientsPath(Newest), request => Paged(request, [Contoso()], totalCount: 60));
        Gateway.On(HttpMethod.Get, PeriodClientsPath(Earlier), request => Paged(request, [Contoso()], totalCount: 60));
        var page = RenderLoaded();

        page.Find("[data-testid=billing-period-filter]").Change(Earlier);
        page.WaitForAssertion(() => Navigation.Uri.ShouldBe("http://localhost/metering/billing-readings?period=2025-01"));
        page.Find("[data-testid=billing-client-search]").Change("con");
        page.WaitForAssertion(() => Navigation.Uri.ShouldBe("http://localhost/metering/billing-readings?period=2025-01&search=con"));
        page.Find("[data-testid=billing-clients-next]").Click();
        page.WaitForAssertion(() => Navigation.Uri.ShouldBe(
            "http://localhost/metering/billing-readings?period=2025-01&search=con&page=2"));

        page.Find("[data-testid=billing-months-from-filter]").Change("2025-02-01");

        page.WaitForAssertion(() => Navigation.Uri.ShouldBe("http://localhost/metering/billing-readings?search=con&from=2025-02-01"));
        page.WaitForAssertion(() => Gateway.RequestsTo(HttpMethod.Get, PeriodsPath)[^1].Query["from"].ShouldBe("2025-02-01"));
    }

    [Fact]
    public void Months_without_billing_say_so_and_offer_every_month()
    {
        Navigation.NavigateTo("metering/billing-readings?to=2024-06-30");
        ServePeriods();

        var page = Render<BillingReadings>();

        page.WaitForElement("[data-testid=billing-no-months]").TextContent.ShouldBe("No billed month overlaps these days.");
        page.FindAll("[data-testid=billing-no-data]").ShouldBeEmpty();
        page.Find("[data-testid=billing-every-month]").Click();
        page.WaitForAssertion(() => Navigation.Uri.ShouldBe("http://localhost/metering/billing-readings"));
    }

    [Fact]
    public void The_services_refusal_of_the_months_names_the_day()
    {
        Navigation.NavigateTo("metering/billing-readings?from=2025-03-01&to=2025-01-01");
        Gateway.On(HttpMethod.Get, PeriodsPath, _ => ValidationProblem("The list query is not valid.",
            new Dictionary<string, string[]> { ["to"] = ["to must be on or after from."] }));

        var page = Render<BillingReadings>();

        page.WaitForAssertion(() => page.Find("[data-testid=billing-periods-error]").TextContent.ShouldContain("to must be on or after from."));
        page.Find("[data-testid=billing-months-to-filter]").GetAttribute("value").ShouldBe("2025-01-01");
    }

    [Fact]
    public void Exports_the_most_recently_loaded_period_unless_another_is_chosen()
    {
        ServeList(Contoso());
        Gateway.On(HttpMethod.Get, PeriodClientsPath(Earlier), request => Paged(request, [Contoso()]));
        var page = RenderLoaded();

        var export = page.Find("[data-testid=billing-export]");
        export.TextContent.ShouldBe("Export CSV");
        export.GetAttribute("href").ShouldBe("metering/billing-readings/export");
        export.HasAttribute("download").ShouldBeTrue("the browser saves the file instead of Blazor routing the link");
        page.Find("[data-testid=billing-export-hint]").TextContent.Trim().ShouldBe(
            "One file per billing type — most recently loaded period (2025-02). Apply a period filter above to export a specific period.");

        page.Find("[data-testid=billing-period-filter]").Change(Earlier);

        page.WaitForAssertion(() => page.Find("[data-testid=billing-export]").GetAttribute("href")
            .ShouldBe("metering/billing-readings/export?period=2025-01"));
        page.Find("[data-testid=billing-export-hint]").TextContent.Trim().ShouldBe("One file per billing type — period 2025-01.");
    }

    [Fact]
    public void Choosing_a_period_and_searching_ask_for_that_periods_matching_clients_from_the_first_page()
    {
        Gateway.On(HttpMethod.Get, PeriodClientsPath(Newest), request => Paged(request, [Contoso()], totalCount: 60));
        Gateway.On(HttpMethod.Get, PeriodClientsPath(Earlier), request => Paged(request, [Contoso()], totalCount: 60));
        var page = RenderLoaded();
        page.Find("[data-testid=billing-clients-next]").Click();
        page.WaitForAssertion(() => LastListRequest.Query["page"].ShouldBe("2"));

        page.Find("[data-testid=billing-client-search]").Change("Con");
        page.WaitForAssertion(() => LastListRequest.Query["search"].ShouldBe("Con"));
        LastListRequest.Query["page"].ShouldBe("1");

        page.Find("[data-testid=billing-period-filter]").Change(Earlier);
        page.WaitForAssertion(() => Gateway.RequestsTo(HttpMethod.Get, PeriodClientsPath(Earlier)).ShouldHaveSingleItem());
        var query = Gateway.RequestsTo(HttpMethod.Get, PeriodClientsPath(Earlier))[0].Query;
        query["search"].ShouldBe("Con", "the search stays when the period changes");
        query["page"].ShouldBe("1");
        page.FindAll("[data-testid=billing-finalize]").ShouldBeEmpty("the earlier period is final already");
    }

    [Fact]
    public void A_client_opens_to_its_bucket_readings_with_adjustments_marked_as_corrections_of_their_period()
    {
        ServeList(Contoso(adjustments: 1));
        Gateway.On(HttpMethod.Get, ReadingsPath, request => Paged(request,
        [
            Reading(BucketId, bufferUnits: 0m),
            Reading(AdjustedBucketId, bucketName: "Contoso mailboxes", originalPeriod: "2024-12", usage: -3m, cost: -12m,
                status: "final", finalizedAt: new DateTimeOffset(2025, 3, 2, 6, 0, 0, TimeSpan.Zero)),
        ]));
        var page = RenderLoaded();

        page.Find("[data-testid=billing-client-select]").Click();

        var rows = page.WaitForElements("[data-testid=billing-reading-row]");
        page.Find("[data-testid=billing-readings-heading]").TextContent.ShouldBe("Billing readings of Contoso — 2025-02");
        page.FindAll("[data-testid=billing-readings-table] thead th").Select(header => header.TextContent)
            .ShouldBe(["Client", "Bucket ID", "Period Start", "Period End", "Total Usage", "Final Cost", "Finalized", "Details"]);
        rows.Select(row => row.QuerySelectorAll("td").Select(CellText).Where((_, column) => column != 1).ToList()).ShouldBe(
        [
            ["Contoso", "2025-01-31 13:00 UTC", "2025-02-28 13:00 UTC", "612.5 backup-gb", "AUD 251.41", "Draft", "Details"],
            ["Contoso", "2025-01-31 13:00 UTC", "2025-02-28 13:00 UTC", "Δ -3 backup-gb", "Δ AUD -12.00", "2025-03-02 06:00 UTC", "Details"],
        ]);
        rows.Select(row => row.QuerySelector("[data-testid=billing-reading-bucket] code")!.TextContent).ShouldBe(["00000001", "00000002"]);
        rows.Select(row => row.QuerySelector("[data-testid=billing-reading-bucket] .key-prefix")!.TextContent)
            .ShouldBe(["Contoso backup", "Contoso mailboxes"]);
        rows[0].QuerySelector("[data-testid=billing-reading-adjustment]").ShouldBeNull();
        rows[1].QuerySelector("[data-testid=billing-reading-adjustment]")!.TextContent.ShouldBe("Adjustment of 2024-12");
        rows[1].ClassList.ShouldContain("adjustment-row");
        page.FindAll("[data-testid=billing-readings-total] [data-testid=money-total]").Select(total => total.TextContent)
            .ShouldBe(["AUD 1,000.00"]);
        var query = Gateway.RequestsTo(HttpMethod.Get, ReadingsPath).ShouldHaveSingleItem().Query;
        query["period"].ShouldBe(Newest);
        query["clientId"].ShouldBe(ContosoId.ToString());
        query["pageSize"].ShouldBe(ClientBillingReadings.PageSize.ToString());

        rows[0].QuerySelector("[data-testid=billing-reading-details-toggle]")!.Click();

        var details = page.Find("[data-testid=billing-reading-details]");
        details.QuerySelector("[data-testid=billing-detail-usage]")!.TextContent.ShouldBe("612.5 backup-gb (max, veeam)");
        details.QuerySelector("[data-testid=billing-detail-commit]")!.TextContent.ShouldBe("500");
        details.QuerySelector("[data-testid=billing-detail-base]")!.TextContent.ShouldBe("AUD 250.00");
        details.QuerySelector("[data-testid=billing-detail-overage]")!.TextContent.ShouldBe("112.5 units · AUD 1.41");
        details.QuerySelector("[data-testid=billing-detail-buffer]")!.TextContent.ShouldBe("0 units unused · AUD 0.00 of the base");
    }

    [Fact]
    public void The_job_line_shows_the_latest_runs_progress_duration_and_error()
    {
        ServeList();
        ServeLatestRun(BillingRun("failed", period: Newest, clientsDone: 1, clientsTotal: 2, bucketsDone: 2, bucketsTotal: 3,
            error: "Bucket Contoso backup has no price."));

        var page = RenderLoaded();

        page.WaitForAssertion(() => page.Find("[data-testid=billing-job-status]").TextContent.ShouldBe("failed"));
        CellText(page.Find("[data-testid=billing-job]")).ShouldBe(
            "Job — Status: failed · 2025-02 · clients 1/2 · buckets 2/3 · duration 1 min 05 s · finished 2025-03-14 09:01 UTC");
        page.Find("[data-testid=billing-job-error]").TextContent.ShouldBe("Bucket Contoso backup has no price.");
        Gateway.RequestsTo(HttpMethod.Get, RunsPath).ShouldHaveSingleItem().Query.ShouldBe(
            new Dictionary<string, string> { ["page"] = "1", ["pageSize"] = "1" });
    }

    [Fact]
    public void The_job_line_says_when_billing_never_ran()
    {
        ServeList();

        var page = RenderLoaded();

        page.WaitForAssertion(() => CellText(page.Find("[data-testid=billing-job]")).ShouldBe("Job — Status: never run"));
    }

    [Fact]
    public void Run_billing_posts_the_previous_month_and_follows_the_run_until_it_ends()
    {
        ServeList();
        Gateway.On(HttpMethod.Post, RunsPath, _ => Json(BillingRun("queued", id: RunId), HttpStatusCode.Accepted));
        var page = RenderLoaded();
        page.Find("[data-testid=billing-run-month]").GetAttribute("value").ShouldBe("2");
        page.Find("[data-testid=billing-run-year]").GetAttribute("value").ShouldBe("2025");
        ServeLatestRun(BillingRun("running", id: RunId, clientsDone: 1, clientsTotal: 2, bucketsDone: 1, bucketsTotal: 3,
            startedAt: Time.GetUtcNow().AddSeconds(-40)));

        page.Find("[data-testid=billing-run-form]").Submit();

        page.WaitForAssertion(() => page.Find("[data-testid=billing-job-status]").TextContent.ShouldBe("queued"));
        Gateway.RequestsTo(HttpMethod.Post, RunsPath).ShouldHaveSingleItem().Body.ShouldBe("""{"year":2025,"month":2}""");
        page.Find("[data-testid=billing-run-start]").HasAttribute("disabled").ShouldBeTrue("one run at a time");
        Time.AdvanceAfterTimer(1, BillingRunPanel.PollInterval);
        page.WaitForAssertion(() => page.Find("[data-testid=billing-job-status]").TextContent.ShouldBe("running"));
        CellText(page.Find("[data-testid=billing-job-details]")).ShouldBe(
            "· 2025-02 · clients 1/2 · buckets 1/3 · duration 42 s · requested 2025-03-14 09:00 UTC",
            "running for as long as the clock says");
        ServeLatestRun(BillingRun("completed", id: RunId, clientsDone: 2, clientsTotal: 2, bucketsDone: 3, bucketsTotal: 3));
        ServeList(Contoso());
        var periodLoads = Gateway.RequestsTo(HttpMethod.Get, PeriodsPath).Count;
        Time.AdvanceAfterTimer(2, BillingRunPanel.PollInterval);

        page.WaitForAssertion(() => page.Find("[data-testid=billing-job-status]").TextContent.ShouldBe("completed"));
        page.WaitForElement("[data-testid=billing-client-row]");
        Gateway.RequestsTo(HttpMethod.Get, PeriodsPath).Count.ShouldBe(periodLoads + 1, "the run may have loaded a new period");
        page.Find("[data-testid=billing-run-start]").HasAttribute("disabled").ShouldBeFalse();
        Gateway.RequestsTo(HttpMethod.Get, RunsPath).Count.ShouldBe(3, "the first look and two polls");
    }

    [Fact]
    public void The_first_run_that_completes_shows_the_period_it_loaded()
    {
        ServePeriods();
        ServeLatestRun(BillingRun("running", id: RunId, clientsTotal: 2, bucketsTotal: 3));
        var page = Render<BillingReadings>();
        page.WaitForElement("[data-testid=billing-no-data]");
        ServePeriods(Period(Newest));
        ServeList(Contoso());
        ServeLatestRun(BillingRun("completed", id: RunId, clientsDone: 2, clientsTotal: 2, bucketsDone: 3, bucketsTotal: 3));

        Time.AdvanceAfterTimer(1, BillingRunPanel.PollInterval);

        page.WaitForElement("[data-testid=billing-client-row]");
        page.FindAll("[data-testid=billing-no-data]").ShouldBeEmpty();
        page.Find("[data-testid=billing-period-filter]").GetAttribute("value").ShouldBe(Newest);
        page.Find("[data-testid=billing-job-status]").TextContent.ShouldBe("completed");
    }

    [Fact]
    public void Run_billing_sends_the_chosen_month()
    {
        ServeList();
        Gateway.On(HttpMethod.Post, RunsPath, _ => Json(BillingRun("completed", id: RunId), HttpStatusCode.Accepted));
        var page = RenderLoaded();

        page.Find("[data-testid=billing-run-month]").Change("12");
        page.Find("[data-testid=billing-run-year]").Change("2024");
        page.Find("[data-testid=billing-run-form]").Submit();

        page.WaitForAssertion(() => Gateway.RequestsTo(HttpMethod.Post, RunsPath).ShouldHaveSingleItem().Body
            .ShouldBe("""{"year":2024,"month":12}"""));
        page.FindAll("[data-testid=billing-run-year] option").Select(option => option.TextContent).ShouldBe(["2025", "2024", "2023"]);
    }

    [Fact]
    public void A_refused_run_shows_the_problem_and_a_run_already_going_is_followed()
    {
        ServeList();
        Gateway.On(HttpMethod.Post, RunsPath, _ => Problem(HttpStatusCode.Conflict,
            "A billing run of this period is already in progress.", $"Billing run '{RunId}' of 2025-02 is running; wait for it to finish."));
        var page = RenderLoaded();
        ServeLatestRun(BillingRun("running", id: RunId, clientsTotal: 2, bucketsTotal: 3));

        page.Find("[data-testid=billing-run-form]").Submit();

        page.WaitForAssertion(() => page.Find("[data-testid=billing-job-status]").TextContent.ShouldBe("running"));
        var problem = page.Find("[data-testid=billing-run-error]").TextContent;
        problem.ShouldContain("Run Billing: A billing run of this period is already in progress.");
        problem.ShouldContain($"Billing run '{RunId}' of 2025-02 is running");
    }

    [Fact]
    public void A_run_of_an_open_month_shows_the_services_reason()
    {
        ServeList();
        Gateway.On(HttpMethod.Post, RunsPath, _ => ValidationProblem("The billing run is not valid.", new Dictionary<string, string[]>
        {
            ["month"] = ["2025-03 has not ended in every client's time zone yet."],
        }));
        var page = RenderLoaded();

        page.Find("[data-testid=billing-run-month]").Change("3");
        page.Find("[data-testid=billing-run-form]").Submit();

        page.WaitForAssertion(() => page.Find("[data-testid=billing-run-error]").TextContent
            .ShouldContain("2025-03 has not ended in every client's time zone yet."));
    }

    [Fact]
    public void Finalizing_asks_first_then_finalizes_the_period_shown()
    {
        ServeList(Contoso());
        Gateway.On(HttpMethod.Post, FinalizePath(Newest), _ => Json(new
        {
            period = Newest,
            finalized = 3,
            finalizedAt = new DateTimeOffset(2025, 3, 14, 9, 30, 0, TimeSpan.Zero),
        }));
        var page = RenderLoaded();

        page.Find("[data-testid=billing-finalize]").Click();
        page.Find("[data-testid=billing-finalize-confirm]").TextContent.ShouldContain("Finalize 2025-02? Its draft billing readings become final");
        Gateway.RequestsTo(HttpMethod.Post, FinalizePath(Newest)).ShouldBeEmpty();
        ServePeriods(Period(Newest, status: "final", finalizedAt: new DateTimeOffset(2025, 3, 14, 9, 30, 0, TimeSpan.Zero)), Period(Earlier, status: "final"));
        page.Find("[data-testid=billing-finalize-confirm-yes]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=billing-clients-status]").TextContent
            .ShouldBe("Finalized 2025-02: 3 billing readings became final."));
        Gateway.RequestsTo(HttpMethod.Post, FinalizePath(Newest)).ShouldHaveSingleItem().Body.ShouldBeNull();
        page.WaitForAssertion(() => page.FindAll("[data-testid=billing-finalize]").ShouldBeEmpty("the period is final now"));
        CellText(page.Find("[data-testid=billing-period-summary]")).ShouldBe("Final 2025-02 · 2 clients · 3 buckets · finalized 2025-03-14 09:30 UTC");
    }

    [Fact]
    public void A_finalized_period_shows_its_Xero_draft_invoices_and_retries_one_that_could_not_be_pushed()
    {
        const string DraftsPath = "/api/invoice/draft-invoices";
        var failedId = Guid.Parse("9d000000-0000-4000-8000-000000000002");
        ServePeriods(Period(Newest, status: "final", finalizedAt: new DateTimeOffset(2025, 3, 2, 6, 0, 0, TimeSpan.Zero)));
        ServeList(Contoso());
        object Draft(Guid id, string client, string status, string? number, string? error) => new
        {
            id, clientId = Guid.NewGuid(), clientName = client, currency = "AUD", total = 653m, lines = 3, status,
            attempts = 1, lastError = error, nextAttemptAt = (DateTimeOffset?)null, vendorInvoiceNumber = number,
            vendorUrl = number is null ? null : $"https://go.xero.com/app/invoicing/view/{id}", pushedAt = (DateTimeOffset?)null,
        };
        var failedStatus = "failed";
        Gateway.On(HttpMethod.Get, DraftsPath, request => Paged(request,
        [
            Draft(Guid.Parse("9d000000-0000-4000-8000-000000000001"), "Contoso", "pushed", "INV-0042", null),
            Draft(failedId, "Northwind", failedStatus, null, "Account code '4100' is not a valid code for this document."),
        ]));
        Gateway.On(HttpMethod.Post, $"{DraftsPath}/{failedId}/retry", _ =>
        {
            failedStatus = "pending";
            return new HttpResponseMessage(HttpStatusCode.Accepted);
        });

        var page = RenderLoaded();

        var rows = page.WaitForElements("[data-testid=draft-invoice-row]");
        Gateway.RequestsTo(HttpMethod.Get, DraftsPath).Last().Query["period"].ShouldBe(Newest);
        rows.Select(row => (row.QuerySelector("[data-testid=draft-invoice-status]")!.TextContent,
            CellText(row.QuerySelector("[data-testid=draft-invoice-number]")!), CellText(row.QuerySelector("[data-testid=draft-invoice-error]")!)))
            .ShouldBe([("In Xero", "INV-0042", ""), ("Failed", "—", "Account code '4100' is not a valid code for this document.")]);
        rows[0].QuerySelector("[data-testid=draft-invoice-retry]").ShouldBeNull("a pushed draft is done");

        rows[1].QuerySelector("[data-testid=draft-invoice-retry]")!.Click();

        page.WaitForAssertion(() => page.Find("[data-testid=draft-invoices-status]").TextContent
            .ShouldBe("The draft invoice of Northwind is queued for a push to Xero."));
        Gateway.RequestsTo(HttpMethod.Post, $"{DraftsPath}/{failedId}/retry").ShouldHaveSingleItem();
        page.WaitForAssertion(() => page.FindAll("[data-testid=draft-invoice-status]")[1].TextContent.ShouldBe("Pending"));
    }

    [Fact]
    public void A_refused_finalize_shows_why()
    {
        ServeList(Contoso());
        Gateway.On(HttpMethod.Post, FinalizePath(Newest), _ => Problem(HttpStatusCode.Conflict,
            "A billing run of this period is in progress.", "Finalize once it has finished."));
        var page = RenderLoaded();

        page.Find("[data-testid=billing-finalize]").Click();
        page.Find("[data-testid=billing-finalize-confirm-yes]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=billing-clients-change-error]").TextContent
            .ShouldContain("A billing run of this period is in progress."));
        page.Find("[data-testid=billing-finalize]").HasAttribute("disabled").ShouldBeFalse("it can be tried again");
    }

    [Fact]
    public void A_read_only_user_sees_the_readings_and_the_job_but_cannot_run_finalize_or_export()
    {
        SignInAs(TestUser.ReadOnly);
        ServeList(Contoso());
        ServeLatestRun(BillingRun("completed", period: Newest));

        var page = RenderLoaded();

        page.WaitForAssertion(() => page.Find("[data-testid=billing-job-status]").TextContent.ShouldBe("completed"));
        page.FindAll("form").ShouldBeEmpty();
        page.FindAll("[data-testid=billing-run-start]").ShouldBeEmpty();
        page.FindAll("[data-testid=billing-finalize]").ShouldBeEmpty();
        page.FindAll("[data-testid=billing-export]").ShouldBeEmpty();
        page.FindAll("[data-testid=billing-client-row]").Count.ShouldBe(1);
    }

    [Theory]
    [InlineData("finance")]
    [InlineData("admin")]
    [InlineData("owner")]
    public void Owners_admins_and_finance_run_finalize_and_export(string role)
    {
        SignInAs(new[] { TestUser.Finance, TestUser.Admin, TestUser.Owner }.Single(user => user.Role == role));
        ServeList(Contoso());

        var page = RenderLoaded();

        page.FindAll("[data-testid=billing-run-start]").ShouldHaveSingleItem();
        page.FindAll("[data-testid=billing-finalize]").ShouldHaveSingleItem();
        page.FindAll("[data-testid=billing-export]").ShouldHaveSingleItem();
    }
}

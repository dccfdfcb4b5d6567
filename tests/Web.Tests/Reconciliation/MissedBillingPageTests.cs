using System.Net;
using System.Text.Json;
using BillingOne.Web.Components.Pages;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using static BillingOne.Web.Tests.Reconciliation.ReconciliationResponses;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;
using static BillingOne.Web.Tests.TestDoubles.MeteringResponses;

namespace BillingOne.Web.Tests.Reconciliation;

[Trait("Category", "Unit")]
public sealed class MissedBillingPageTests : ListPageContext<MissedBilling>
{
    private static readonly Guid UnderLicensedId = Guid.Parse("3b000000-0000-4000-8000-000000000001");
    private static readonly Guid OverageId = Guid.Parse("3b000000-0000-4000-8000-000000000002");

    public MissedBillingPageTests() : base(MissedBillingPath, "missed-billing")
    {
        Navigation.NavigateTo("missed-billing");
        Gateway.ListClientChoices();
        ServeSummary(openCount: 2, openAmount: 117.50m);
    }

    private void ServeSummary(int openCount, decimal openAmount) =>
        Gateway.On(HttpMethod.Get, MissedBillingSummaryPath, _ => Json(new
        {
            currency = "AUD",
            open = new { count = openCount, amount = openAmount },
            dismissed = new { count = 1, amount = 25m },
            billed = new { count = 3, amount = 300m },
            byKind = new[]
            {
                new { kind = "under-licensed", count = 1, amount = 37.50m },
                new { kind = "uninvoiced-overage", count = 1, amount = 80m },
            },
        }));

    private static object Opportunity(Guid id, string kind, string state = "open", decimal? amount = 37.50m,
        string? period = null, string? bucketName = null, string? dismissReason = null) => new
        {
            id,
            kind,
            clientId = ContosoId,
            clientName = "Contoso",
            bucketName,
            period,
            amount,
            currency = "AUD",
            evidence = kind == "under-licensed" ? "15 devices, 12 device licences at AUD 12.50" : "Overage of 40 GB in 2025-02 not invoiced",
            state,
            dismissReason,
            stateChangedAt = state == "open" ? (DateTimeOffset?)null : TakenAt.AddDays(3),
            stateChangedBy = state == "open" ? null : "Fiona Finance",
            updatedAt = TakenAt,
        };

    [Fact]
    public void Shows_the_totals_by_state_and_kind_and_each_opportunity_with_its_evidence()
    {
        ServeList(
            Opportunity(UnderLicensedId, "under-licensed"),
            Opportunity(OverageId, "uninvoiced-overage", amount: 80m, period: "2025-02", bucketName: "Backup"),
            Opportunity(Guid.NewGuid(), "unlicensed-devices", amount: null, state: "dismissed", dismissReason: "Loan devices"));

        var page = RenderLoaded();

        ColumnHeaders(page).ShouldBe(["Client", "Kind", "Period", "Evidence", "Amount", "State", "Actions"]);
        var rows = page.FindAll("[data-testid=missed-billing-row]");
        rows.Select(row => row.QuerySelectorAll("td").Skip(1).Take(4).Select(CellText).ToList()).ToList().ShouldBe([
            ["Under-licensed", "—", "15 devices, 12 device licences at AUD 12.50", "AUD 37.50"],
            ["Uninvoiced overage", "2025-02", "Overage of 40 GB in 2025-02 not invoiced", "AUD 80.00"],
            ["Unlicensed devices", "—", "Overage of 40 GB in 2025-02 not invoiced", "No estimate"],
        ]);
        rows[1].QuerySelector("[data-testid=missed-billing-bucket]")!.TextContent.ShouldBe("Backup");
        rows.Select(row => row.QuerySelector("[data-testid=missed-billing-state] .badge")!.TextContent).ShouldBe(["Open", "Open", "Dismissed"]);
        rows[2].QuerySelector("[data-testid=missed-billing-dismiss-reason]")!.TextContent.ShouldBe("Loan devices");
        rows[2].QuerySelector("[data-testid=missed-billing-state-changed]")!.TextContent.Trim().ShouldStartWith("by Fiona Finance, 2025-03-04");
        rows[0].QuerySelector("[data-testid=missed-billing-state-changed]").ShouldBeNull();
        page.Find("[data-testid=missed-billing-open-amount]").TextContent.ShouldBe("AUD 117.50");
        page.Find("[data-testid=missed-billing-open-count]").TextContent.ShouldBe("2 opportunities");
        page.Find("[data-testid=missed-billing-billed-amount]").TextContent.ShouldBe("AUD 300.00");
        page.FindAll("[data-testid=missed-billing-kind-total]").Select(CellText)
            .ShouldBe(["Under-licensed: AUD 37.50 · 1 opportunity", "Uninvoiced overage: AUD 80.00 · 1 opportunity"]);
        rows[0].QuerySelector("[data-testid=missed-billing-dismiss]").ShouldNotBeNull();
        rows[2].QuerySelector("[data-testid=missed-billing-reopen]").ShouldNotBeNull();
        LastListRequest.Query["sort"].ShouldBe("amount");
        LastListRequest.Query["direction"].ShouldBe("desc");
    }

    [Fact]
    public void Filters_go_to_the_address_the_request_the_totals_and_the_export_link()
    {
        ServeList(Opportunity(UnderLicensedId, "under-licensed"));
        var page = RenderLoaded();

        page.Find("[data-testid=missed-billing-kind-filter]").Change("under-licensed");
        page.Find("[data-testid=missed-billing-state-filter]").Change("open");
        PickClient(page, "missed-billing-client-filter", "Contoso");
        page.Find("[data-testid=sort-client]").Click();

        Navigation.Uri.ShouldBe($"http://localhost/missed-billing?kind=under-licensed&state=open&clientId={ContosoId}&sort=client");
        page.WaitForAssertion(() => LastListRequest.Query["sort"].ShouldBe("client"));
        LastListRequest.Query["kind"].ShouldBe("under-licensed");
        LastListRequest.Query["state"].ShouldBe("open");
        LastListRequest.Query["clientId"].ShouldBe(ContosoId.ToString());
        var totals = Gateway.RequestsTo(HttpMethod.Get, MissedBillingSummaryPath)[^1];
        totals.Query["kind"].ShouldBe("under-licensed");
        totals.Query["clientId"].ShouldBe(ContosoId.ToString());
        totals.Query.ShouldNotContainKey("state");
        page.Find("[data-testid=missed-billing-export]").GetAttribute("href").ShouldBe(
            $"missed-billing/export.csv?kind=under-licensed&state=open&clientId={ContosoId}&sort=client&direction=asc");
    }

    [Fact]
    public void The_days_found_go_to_the_address_the_request_the_totals_and_the_export_link()
    {
        ServeList(Opportunity(UnderLicensedId, "under-licensed"));
        var page = RenderLoaded();

        page.Find("[data-testid=missed-billing-from-filter]").Change("2025-01-01");
        page.WaitForAssertion(() => LastListRequest.Query["from"].ShouldBe("2025-01-01"));
        page.Find("[data-testid=missed-billing-to-filter]").Change("2025-03-31");

        page.WaitForAssertion(() => LastListRequest.Query["to"].ShouldBe("2025-03-31"));
        LastListRequest.Query["from"].ShouldBe("2025-01-01");
        Navigation.Uri.ShouldBe("http://localhost/missed-billing?from=2025-01-01&to=2025-03-31");
        var totals = Gateway.RequestsTo(HttpMethod.Get, MissedBillingSummaryPath)[^1];
        (totals.Query["from"], totals.Query["to"]).ShouldBe(("2025-01-01", "2025-03-31"));
        page.Find("[data-testid=missed-billing-export]").GetAttribute("href").ShouldBe(
            "missed-billing/export.csv?from=2025-01-01&to=2025-03-31&sort=amount&direction=desc");
        page.Find("[data-testid=missed-billing-to-filter]").GetAttribute("min").ShouldBe("2025-01-01");
        page.Find("[data-testid=missed-billing-from-filter]").GetAttribute("max").ShouldBe("2025-03-31");
    }

    [Fact]
    public void A_reload_restores_the_filters_search_days_sort_and_page_from_the_address()
    {
        Navigation.NavigateTo(
            $"missed-billing?kind=under-licensed&state=open&clientId={ContosoId}&search=con&from=2025-01-01&to=2025-03-31&sort=client&page=2");
        ServeList(Opportunity(UnderLicensedId, "under-licensed"));

        var page = RenderLoaded();

        var query = LastListRequest.Query;
        (query["kind"], query["state"], query["clientId"], query["search"], query["from"], query["to"], query["sort"],
            query["direction"], query["page"])
            .ShouldBe(("under-licensed", "open", ContosoId.ToString(), "con", "2025-01-01", "2025-03-31", "client", "asc", "2"));
        page.Find("[data-testid=missed-billing-search]").GetAttribute("value").ShouldBe("con");
        page.Find("[data-testid=missed-billing-from-filter]").GetAttribute("value").ShouldBe("2025-01-01");
        page.Find("[data-testid=missed-billing-to-filter]").GetAttribute("value").ShouldBe("2025-03-31");
        page.Find("[data-testid=missed-billing-filters-toggle]").TextContent.Trim().ShouldBe("Filters (5)");
    }

    [Fact]
    public void The_services_refusal_of_the_days_names_the_day()
    {
        Navigation.NavigateTo("missed-billing?from=2025-03-31&to=2025-01-01");
        Gateway.On(HttpMethod.Get, MissedBillingPath, _ => ValidationProblem("The list query is not valid.",
            new Dictionary<string, string[]> { ["to"] = ["to must be on or after from."] }));

        var page = Render<MissedBilling>();

        page.WaitForAssertion(() => page.Find("[data-testid=missed-billing-error]").TextContent.ShouldContain("to must be on or after from."));
    }

    [Fact]
    public void Dismissing_asks_for_a_reason_before_anything_is_sent_and_then_sends_it()
    {
        ServeList(Opportunity(UnderLicensedId, "under-licensed"));
        Gateway.On(HttpMethod.Post, $"{MissedBillingPath}/{UnderLicensedId}/dismiss", _ =>
            Json(Opportunity(UnderLicensedId, "under-licensed", state: "dismissed", dismissReason: "Devices on loan")));
        var page = RenderLoaded();

        page.Find("[data-testid=missed-billing-dismiss]").Click();
        page.Find("[data-testid=missed-billing-dismiss-reason-input]").Input("   ");
        page.Find("[data-testid=missed-billing-dismiss-form]").Submit();

        page.Find("[data-testid=missed-billing-dismiss-reason-input-errors]").TextContent.Trim()
            .ShouldBe("Give a reason for dismissing this opportunity.");
        Gateway.RequestsTo(HttpMethod.Post, $"{MissedBillingPath}/{UnderLicensedId}/dismiss").ShouldBeEmpty();

        ServeList(Opportunity(UnderLicensedId, "under-licensed", state: "dismissed", dismissReason: "Devices on loan"));
        page.Find("[data-testid=missed-billing-dismiss-reason-input]").Input("Devices on loan");
        page.Find("[data-testid=missed-billing-dismiss-form]").Submit();

        page.WaitForAssertion(() => page.Find("[data-testid=missed-billing-status]").TextContent
            .ShouldBe("Dismissed under-licensed for Contoso."));
        var sent = Gateway.RequestsTo(HttpMethod.Post, $"{MissedBillingPath}/{UnderLicensedId}/dismiss").ShouldHaveSingleItem();
        JsonDocument.Parse(sent.Body!).RootElement.GetProperty("reason").GetString().ShouldBe("Devices on loan");
        page.FindAll("[data-testid=missed-billing-dismiss-form]").ShouldBeEmpty();
        page.Find("[data-testid=missed-billing-dismiss-reason]").TextContent.ShouldBe("Devices on loan");
    }

    [Fact]
    public void The_services_refusal_of_a_reason_shows_by_the_field()
    {
        ServeList(Opportunity(UnderLicensedId, "under-licensed"));
        Gateway.On(HttpMethod.Post, $"{MissedBillingPath}/{UnderLicensedId}/dismiss", _ => Problem(HttpStatusCode.BadRequest,
            "One or more validation errors occurred.", errors: new Dictionary<string, string[]> { ["reason"] = ["The reason is at most 500 characters."] }));
        var page = RenderLoaded();

        page.Find("[data-testid=missed-billing-dismiss]").Click();
        page.Find("[data-testid=missed-billing-dismiss-reason-input]").Input("Too long");
        page.Find("[data-testid=missed-billing-dismiss-form]").Submit();

        page.WaitForAssertion(() => page.Find("[data-testid=missed-billing-dismiss-reason-input-errors]").TextContent.Trim()
            .ShouldBe("The reason is at most 500 characters."));
        page.Find("[data-testid=missed-billing-dismiss-reason-input]").GetAttribute("aria-invalid").ShouldBe("true");
    }

    [Fact]
    public void Marks_an_opportunity_billed_and_reopens_one_then_shows_the_list_and_totals_as_they_are_now()
    {
        ServeList(
            Opportunity(UnderLicensedId, "under-licensed"),
            Opportunity(OverageId, "uninvoiced-overage", state: "billed", amount: 80m, period: "2025-02"));
        Gateway.On(HttpMethod.Post, $"{MissedBillingPath}/{UnderLicensedId}/bill", _ => new HttpResponseMessage(HttpStatusCode.NoContent));
        Gateway.On(HttpMethod.Post, $"{MissedBillingPath}/{OverageId}/reopen", _ => Problem(HttpStatusCode.Conflict,
            "The opportunity's gap has gone: it cannot be reopened."));
        var page = RenderLoaded();
        ServeSummary(openCount: 1, openAmount: 80m);

        page.Find("[data-testid=missed-billing-bill]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=missed-billing-status]").TextContent
            .ShouldBe("Marked under-licensed for Contoso as billed."));
        page.WaitForAssertion(() => page.Find("[data-testid=missed-billing-open-amount]").TextContent.ShouldBe("AUD 80.00"));

        page.Find("[data-testid=missed-billing-reopen]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=missed-billing-change-error]").TextContent
            .ShouldContain("The opportunity's gap has gone: it cannot be reopened."));
        Gateway.RequestsTo(HttpMethod.Post, $"{MissedBillingPath}/{OverageId}/reopen").ShouldHaveSingleItem();
    }

    [Fact]
    public void A_read_only_user_sees_the_opportunities_without_actions()
    {
        SignInAs(TestUser.ReadOnly);
        ServeList(Opportunity(UnderLicensedId, "under-licensed"));

        var page = RenderLoaded();

        page.Find("[data-testid=missed-billing-read-only]");
        page.FindAll($"[data-testid=missed-billing-table] {ChangeButtons}:not(.sort)").ShouldBeEmpty();
    }

    [Fact]
    public void Without_opportunities_says_where_they_come_from()
    {
        ServeSummary(0, 0m);
        ServeList();

        var page = RenderLoaded();

        CellText(page.Find("[data-testid=missed-billing-empty]")).ShouldBe(
            "No missed billing found Opportunities appear when a reconciliation finds more devices than licences, or a billed overage has no invoice.");
    }

    [Fact]
    public void A_client_scoped_link_shows_that_clients_opportunities_and_a_filter_that_matches_nothing_offers_to_clear()
    {
        Navigation.NavigateTo($"missed-billing?clientId={NorthwindId}");
        ServeList();

        var page = RenderLoaded();

        LastListRequest.Query["clientId"].ShouldBe(NorthwindId.ToString());
        page.WaitForAssertion(() => page.Find("[data-testid=missed-billing-client-filter-input]").GetAttribute("value").ShouldBe("Northwind"));
        page.Find("[data-testid=missed-billing-clear-filters]").Click();
        Navigation.Uri.ShouldBe("http://localhost/missed-billing");
    }
}

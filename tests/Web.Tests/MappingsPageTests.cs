using System.Net;
using System.Text.Json;
using BillingOne.Web.Components.Pages;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;
using static BillingOne.Web.Tests.TestDoubles.MeteringResponses;

namespace BillingOne.Web.Tests;

[Trait("Category", "Unit")]
public sealed class MappingsPageTests : ListPageContext<Mappings>
{
    private const string MappingsPath = "/api/subscription/mappings";

    public MappingsPageTests() : base(MappingsPath, "mappings")
    {
        Navigation.NavigateTo("clients/mappings");
        Gateway.ListClientChoices();
        Gateway.On(HttpMethod.Get, "/api/identity/organization", _ => Json(new
        {
            id = Guid.NewGuid(), name = "Demo MSP", timeZone = "Australia/Sydney", currency = "AUD", billingGraceDays = 5,
        }));
        Gateway.On(HttpMethod.Get, $"{MappingsPath}/summary", _ => Json(new
        {
            pax8 = new { total = 120, mapped = 100, unmapped = 20, withSuggestions = 12 },
            rmm = new { total = 80, mapped = 79, unmapped = 1, withSuggestions = 0 },
        }));
    }

    private static object Mapping(
        string externalId, string name, Guid? clientId = null, string? clientName = null, string? method = null,
        object[]? suggestions = null, string vendor = "pax8") =>
        new
        {
            vendor,
            externalId,
            name,
            attributes = new Dictionary<string, object> { ["city"] = "Sydney" },
            clientId,
            clientName,
            method,
            score = method == "auto" ? 0.97m : (decimal?)null,
            mappedAt = clientId is null ? (DateTimeOffset?)null : Created,
            suggestions = suggestions ?? [],
        };

    private static object Suggestion(Guid clientId, string clientName, decimal score) => new { clientId, clientName, score };

    private static HttpResponseMessage Results(string outcome, params (string ExternalId, string? Reason)[] items) =>
        Json(new { results = items.Select(item => new { vendor = "pax8", externalId = item.ExternalId, clientId = ContosoId, outcome, reason = item.Reason }) });

    private static JsonElement BodyOf(RecordedRequest request) => JsonDocument.Parse(request.Body!).RootElement;

    private void ServeContosoSuggested() => ServeList(
        Mapping("pax8-c1", "Contoso Pty Ltd", suggestions: [Suggestion(NorthwindId, "Northwind", 0.41m), Suggestion(ContosoId, "Contoso", 0.874m)]),
        Mapping("pax8-c2", "Northwind Traders", NorthwindId, "Northwind", "auto"));

    [Fact]
    public void Shows_the_counts_and_each_company_with_its_client_or_its_suggestions_best_first()
    {
        ServeContosoSuggested();

        var page = RenderLoaded();

        page.WaitForAssertion(() => page.Find("[data-testid=mapping-summary-unmapped]").TextContent.ShouldBe("20"));
        page.Find("[data-testid=mapping-summary-total]").TextContent.ShouldBe("120");
        page.Find("[data-testid=mapping-summary-suggested]").TextContent.ShouldBe("12");
        page.Find("[data-testid=mapping-tab-pax8]").ClassList.ShouldContain("active");
        page.Find("[data-testid=mapping-tab-rmm]").GetAttribute("href").ShouldBe("clients/mappings?vendor=rmm");
        page.Find("[data-testid=mapping-tab-synergy]").GetAttribute("href").ShouldBe("clients/mappings?vendor=synergy");
        page.Find("[data-testid=mapping-tab-synergy]").TextContent.ShouldStartWith("Synergy accounts");
        var rows = page.FindAll("[data-testid=mapping-row]");
        rows[0].QuerySelector("[data-testid=mapping-attributes]")!.TextContent.Trim().ShouldBe("city: Sydney");
        rows[0].QuerySelectorAll("[data-testid=mapping-suggestion]").Select(suggestion => suggestion.GetAttribute("data-client-id"))
            .ShouldBe([ContosoId.ToString(), NorthwindId.ToString()]);
        rows[0].QuerySelectorAll("[data-testid=mapping-suggestion-score]").Select(score => score.TextContent).ShouldBe(["87 %", "41 %"]);
        var mapped = rows[1].QuerySelector("[data-testid=mapping-client]")!;
        mapped.QuerySelector("span")!.TextContent.ShouldBe("Northwind");
        mapped.QuerySelector("[data-testid=mapping-method]")!.TextContent.ShouldBe("auto");
        mapped.QuerySelector("[data-testid=mapping-score]")!.TextContent.ShouldBe("97 %");
        rows[1].QuerySelector("[data-testid=mapping-create-client]").ShouldBeNull();
        var query = LastListRequest.Query;
        query["vendor"].ShouldBe("pax8");
        query.ShouldNotContainKey("state");
    }

    [Fact]
    public void A_page_opened_at_a_filtered_address_renders_while_the_organization_is_still_loading()
    {
        // The first render comes while the page awaits its own loads: the query must come from the address already.
        var organization = new TaskCompletionSource<HttpResponseMessage>();
        Gateway.OnAsync(HttpMethod.Get, "/api/identity/organization", _ => organization.Task);
        Navigation.NavigateTo("clients/mappings?vendor=xero&state=suggested&search=kestrel");
        ServeList(Mapping("xero-1", "Kestrel Freight Pty Ltd", vendor: "xero",
            suggestions: [Suggestion(ContosoId, "Contoso", 0.8m)]));

        var page = Render<Mappings>();

        page.Find("[data-testid=mapping-tab-xero]").ClassList.ShouldContain("active");
        page.Find("[data-testid=mapping-state-filter]").GetAttribute("value").ShouldBe("suggested");
        organization.SetResult(Json(new { id = Guid.NewGuid(), name = "Demo MSP", timeZone = "UTC", currency = "AUD" }));
        page.WaitForAssertion(() => page.FindAll("[data-testid=mapping-apply]").Count.ShouldBe(1));
        page.Find("[data-testid=mappings-table] thead").TextContent.ShouldContain("Contact");
        LastListRequest.Query["state"].ShouldBe("suggested");
    }

    [Fact]
    public void The_RMM_tab_filter_and_search_go_to_the_service_and_the_export()
    {
        Navigation.NavigateTo("clients/mappings?vendor=rmm");
        ServeList(Mapping("ninja-7", "Contoso HQ", vendor: "rmm"));
        var page = RenderLoaded();
        LastListRequest.Query["vendor"].ShouldBe("rmm");
        page.Find("[data-testid=mappings-table] thead").TextContent.ShouldContain("Organization");
        page.WaitForAssertion(() => page.Find("[data-testid=mapping-summary-total]").TextContent.ShouldBe("80"));

        page.Find("[data-testid=mapping-state-filter]").Change("unmapped");
        page.WaitForAssertion(() => LastListRequest.Query["state"].ShouldBe("unmapped"));
        page.Find("[data-testid=mapping-search]").Change("contoso");

        page.WaitForAssertion(() => LastListRequest.Query["search"].ShouldBe("contoso"));
        Navigation.Uri.ShouldBe("http://localhost/clients/mappings?vendor=rmm&state=unmapped&search=contoso");
        page.Find("[data-testid=mappings-export]").GetAttribute("href")
            .ShouldBe("clients/mappings/export.csv?vendor=rmm&state=unmapped&search=contoso");
    }

    [Fact]
    public void Applying_a_suggestion_maps_the_company_to_that_client_and_says_what_happened()
    {
        ServeContosoSuggested();
        Gateway.On(HttpMethod.Post, $"{MappingsPath}/apply", _ => Results("applied", ("pax8-c1", null)));
        var page = RenderLoaded();

        page.FindAll("[data-testid=mapping-row]")[0].QuerySelector("[data-testid=mapping-apply]")!.Click();

        page.WaitForAssertion(() => page.Find("[data-testid=mappings-status]").TextContent
            .ShouldBe("Map “Contoso Pty Ltd” to Contoso: 1 applied."));
        var item = BodyOf(Gateway.RequestsTo(HttpMethod.Post, $"{MappingsPath}/apply").ShouldHaveSingleItem()).GetProperty("items")[0];
        item.GetProperty("vendor").GetString().ShouldBe("pax8");
        item.GetProperty("externalId").GetString().ShouldBe("pax8-c1");
        item.GetProperty("clientId").GetGuid().ShouldBe(ContosoId);
        Gateway.RequestsTo(HttpMethod.Get, $"{MappingsPath}/summary").Count.ShouldBe(2, "the counts change with the mapping");
    }

    [Fact]
    public void Rejecting_a_suggestion_tells_the_service_which_client_is_wrong()
    {
        ServeContosoSuggested();
        Gateway.On(HttpMethod.Post, $"{MappingsPath}/reject", _ => Results("rejected", ("pax8-c1", null)));
        var page = RenderLoaded();

        page.FindAll("[data-testid=mapping-row]")[0].QuerySelectorAll("[data-testid=mapping-reject]")[1].Click();

        page.WaitForAssertion(() => page.Find("[data-testid=mappings-status]").TextContent
            .ShouldBe("Reject Northwind for “Contoso Pty Ltd”: 1 rejected."));
        BodyOf(Gateway.RequestsTo(HttpMethod.Post, $"{MappingsPath}/reject").ShouldHaveSingleItem())
            .GetProperty("items")[0].GetProperty("clientId").GetGuid().ShouldBe(NorthwindId);
    }

    [Fact]
    public void Selected_rows_apply_their_best_suggestions_in_one_request_and_refusals_say_why()
    {
        ServeList(
            Mapping("pax8-c1", "Contoso Pty Ltd", suggestions: [Suggestion(ContosoId, "Contoso", 0.9m)]),
            Mapping("pax8-c3", "Contoso Group", suggestions: [Suggestion(ContosoId, "Contoso", 0.8m)]),
            Mapping("pax8-c4", "Fabrikam"));
        Gateway.On(HttpMethod.Post, $"{MappingsPath}/apply", _ => Json(new
        {
            results = new object[]
            {
                new { vendor = "pax8", externalId = "pax8-c1", clientId = ContosoId, outcome = "applied", reason = (string?)null },
                new { vendor = "pax8", externalId = "pax8-c3", clientId = ContosoId, outcome = "conflict", reason = "Contoso is already mapped to pax8-c1." },
            },
        }));
        var page = RenderLoaded();
        page.Find("[data-testid=mapping-apply-selected]").HasAttribute("disabled").ShouldBeTrue();

        page.Find("[data-testid=mapping-select-all]").Change(true);
        page.Find("[data-testid=mapping-selected-count]").TextContent.ShouldBe("3 selected");
        page.Find("[data-testid=mapping-apply-selected]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=mappings-status]").TextContent.ShouldBe(
            "Apply selected suggestions: 1 applied · 1 conflict. pax8-c3: Contoso is already mapped to pax8-c1."));
        var items = BodyOf(Gateway.RequestsTo(HttpMethod.Post, $"{MappingsPath}/apply").ShouldHaveSingleItem()).GetProperty("items");
        items.EnumerateArray().Select(item => item.GetProperty("externalId").GetString()).ShouldBe(["pax8-c1", "pax8-c3"]);
        page.Find("[data-testid=mapping-selected-count]").TextContent.ShouldBe("0 selected");
    }

    [Fact]
    public void Reject_selected_rejects_the_best_suggestion_of_each_selected_row()
    {
        ServeContosoSuggested();
        Gateway.On(HttpMethod.Post, $"{MappingsPath}/reject", _ => Results("rejected", ("pax8-c1", null)));
        var page = RenderLoaded();

        page.FindAll("[data-testid=mapping-select]")[0].Change(true);
        page.Find("[data-testid=mapping-reject-selected]").Click();

        page.WaitForAssertion(() => Gateway.RequestsTo(HttpMethod.Post, $"{MappingsPath}/reject").ShouldHaveSingleItem());
        var item = BodyOf(Gateway.RequestsTo(HttpMethod.Post, $"{MappingsPath}/reject")[0]).GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        item.GetProperty("clientId").GetGuid().ShouldBe(ContosoId);
    }

    [Fact]
    public void A_company_is_mapped_by_hand_to_the_client_picked()
    {
        ServeList(Mapping("pax8-c4", "Fabrikam"));
        Gateway.On(HttpMethod.Post, $"{MappingsPath}/apply", _ => Results("applied", ("pax8-c4", null)));
        var page = RenderLoaded();
        page.Find("[data-testid=mapping-map]").HasAttribute("disabled").ShouldBeTrue();

        PickClient(page, "mapping-client-picker", "Northwind");
        page.Find("[data-testid=mapping-map]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=mappings-status]").TextContent.ShouldBe("Map “Fabrikam”: 1 applied."));
        BodyOf(Gateway.RequestsTo(HttpMethod.Post, $"{MappingsPath}/apply").ShouldHaveSingleItem())
            .GetProperty("items")[0].GetProperty("clientId").GetGuid().ShouldBe(NorthwindId);
    }

    [Fact]
    public void A_mapped_company_can_be_unmapped()
    {
        ServeList(Mapping("pax8-c2", "Northwind Traders", NorthwindId, "Northwind", "manual"));
        Gateway.On(HttpMethod.Post, $"{MappingsPath}/unmap", _ => Results("unmapped", ("pax8-c2", null)));
        var page = RenderLoaded();

        page.Find("[data-testid=mapping-unmap]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=mappings-status]").TextContent.ShouldBe("Unmap “Northwind Traders”: 1 unmapped."));
        var item = BodyOf(Gateway.RequestsTo(HttpMethod.Post, $"{MappingsPath}/unmap").ShouldHaveSingleItem()).GetProperty("items")[0];
        item.GetProperty("externalId").GetString().ShouldBe("pax8-c2");
        item.TryGetProperty("clientId", out _).ShouldBeFalse();
    }

    [Fact]
    public void Creates_a_client_from_a_company_in_the_organizations_time_zone()
    {
        ServeList(Mapping("pax8-c4", "Fabrikam"));
        Gateway.On(HttpMethod.Post, $"{MappingsPath}/create-client", _ => Json(new
        {
            client = new { id = Guid.NewGuid(), name = "Fabrikam", enabled = true, timeZone = "Australia/Sydney" },
            mapping = Mapping("pax8-c4", "Fabrikam", Guid.NewGuid(), "Fabrikam", "created"),
        }, HttpStatusCode.Created));
        var page = RenderLoaded();

        page.Find("[data-testid=mapping-create-client]").TextContent.ShouldBe("Create client from this company");
        page.Find("[data-testid=mapping-create-client]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=mappings-status]").TextContent
            .ShouldBe("Created the client “Fabrikam” and mapped “Fabrikam” to it."));
        var body = BodyOf(Gateway.RequestsTo(HttpMethod.Post, $"{MappingsPath}/create-client").ShouldHaveSingleItem());
        body.GetProperty("vendor").GetString().ShouldBe("pax8");
        body.GetProperty("externalId").GetString().ShouldBe("pax8-c4");
        body.GetProperty("name").GetString().ShouldBe("Fabrikam");
        body.GetProperty("timeZone").GetString().ShouldBe("Australia/Sydney");
    }

    [Fact]
    public void A_refused_change_shows_the_problem()
    {
        ServeContosoSuggested();
        Gateway.On(HttpMethod.Post, $"{MappingsPath}/apply", _ => Problem(HttpStatusCode.Forbidden, "Read-only users cannot change mappings."));
        var page = RenderLoaded();

        page.Find("[data-testid=mapping-apply]").Click();

        page.WaitForElement("[data-testid=mappings-change-error]").TextContent.ShouldContain("Read-only users cannot change mappings.");
    }

    [Fact]
    public void Importing_a_csv_shows_the_dry_run_report_first_and_applies_only_when_asked()
    {
        const string Csv = "vendor,vendor_id,client\npax8,pax8-c4,Contoso\npax8,nope,Contoso\n";
        ServeList(Mapping("pax8-c4", "Fabrikam"));
        object[] rows =
        [
            new { line = 2, vendor = "pax8", vendorId = "pax8-c4", client = "Contoso", clientId = ContosoId, outcome = "applied", reason = (string?)null },
            new { line = 3, vendor = "pax8", vendorId = "nope", client = "Contoso", clientId = (Guid?)null, outcome = "unknown-vendor-id", reason = "No Pax8 company nope." },
        ];
        Gateway.On(HttpMethod.Post, $"{MappingsPath}/import", request => Json(new
        {
            applied = request.Query.ContainsKey("dryRun") ? 0 : 1,
            rows,
        }));
        var page = RenderLoaded();

        page.FindComponent<Microsoft.AspNetCore.Components.Forms.InputFile>().UploadFiles(InputFileContent.CreateFromText(Csv, "mappings.csv"));

        page.WaitForAssertion(() => page.Find("[data-testid=mapping-import-summary]").TextContent
            .ShouldBe("Checked 2 rows: 1 will apply, 1 will not."));
        page.FindAll("[data-testid=mapping-import-outcome]").Select(outcome => outcome.TextContent.Trim())
            .ShouldBe(["Will apply", "Unknown vendor ID"]);
        page.Find("[data-testid=mapping-import-report]").TextContent.ShouldContain("No Pax8 company nope.");
        var check = Gateway.RequestsTo(HttpMethod.Post, $"{MappingsPath}/import").ShouldHaveSingleItem();
        check.Query["dryRun"].ShouldBe("true");
        check.Body.ShouldBe(Csv);

        page.Find("[data-testid=mapping-import-apply]").TextContent.Trim().ShouldBe("Apply 1 mapping");
        page.Find("[data-testid=mapping-import-apply]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=mapping-import-summary]").TextContent.ShouldBe("Applied 1 mapping."));
        var apply = Gateway.RequestsTo(HttpMethod.Post, $"{MappingsPath}/import")[1];
        apply.Query.ShouldNotContainKey("dryRun");
        apply.Body.ShouldBe(Csv);
        page.FindAll("[data-testid=mapping-import-apply]").ShouldBeEmpty();
    }

    [Fact]
    public void A_read_only_user_sees_the_mappings_and_suggestions_but_cannot_change_them()
    {
        SignInAs(TestUser.ReadOnly);
        ServeContosoSuggested();

        var page = RenderLoaded();

        page.Find("[data-testid=mappings-read-only]").TextContent.ShouldContain("Only owners, admins and finance");
        page.FindAll("[data-testid=mapping-suggestion]").Count.ShouldBe(2);
        page.FindAll($"[data-testid=mappings] {ChangeButtons}").Select(button => button.GetAttribute("data-testid"))
            .ShouldBe(["mappings-refresh", "mappings-prev", "mappings-next"], "only the list's own buttons");
        page.FindAll("input[type=checkbox], [data-testid=mapping-client-picker]").ShouldBeEmpty();
        page.FindAll("[data-testid=mapping-import]").ShouldBeEmpty();
    }

    [Fact]
    public void Says_when_there_is_nothing_to_map_yet_or_nothing_matches()
    {
        ServeList();
        var page = RenderLoaded();
        page.Find("[data-testid=mappings-empty] p").TextContent.ShouldBe("No Pax8 companies yet");

        page.Find("[data-testid=mapping-search]").Change("zzz");

        page.WaitForAssertion(() => page.Find("[data-testid=mappings-empty] p").TextContent.ShouldBe("Nothing matches"));
        page.Find("[data-testid=mappings-clear-filters]").Click();
        Navigation.Uri.ShouldBe("http://localhost/clients/mappings");
    }
}

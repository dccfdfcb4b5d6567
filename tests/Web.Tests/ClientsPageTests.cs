using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using BillingOne.Web.Components.Pages;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;

namespace BillingOne.Web.Tests;

[Trait("Category", "Unit")]
public sealed class ClientsPageTests : WebUiContext
{
    private static readonly Guid ContosoId = Guid.Parse("6f1d2c1e-6a3b-4a55-9a1e-3f0c6f1a0001");

    public ClientsPageTests() => Navigation.NavigateTo("clients");

    private IRenderedComponent<Clients> RenderLoaded()
    {
        var page = Render<Clients>();
        page.WaitForElement("[data-testid=clients-table]");
        return page;
    }

    private RecordedRequest LastListRequest => Gateway.RequestsTo(HttpMethod.Get, "/api/projection/clients")[^1];

    /// <summary>A stub row with the list's billing focus: total spend and billing contact (null without invoices).</summary>
    private static JsonObject WithBilling(object client, object? totalSpend, string? billingContact)
    {
        var row = JsonSerializer.SerializeToNode(client, JsonSerializerOptions.Web)!.AsObject();
        row["totalSpend"] = JsonSerializer.SerializeToNode(totalSpend, JsonSerializerOptions.Web);
        row["billingContact"] = billingContact;
        return row;
    }

    [Fact]
    public void Lists_each_client_with_the_seed_columns_sorted_by_MRR_descending()
    {
        Gateway.OnGetClients(_ => ClientPage(
        [
            Client("Contoso Pty Ltd", mrr: 1234.5m, currency: "AUD", subscriptions: 12, devices: 40, licenses: 35,
                status: "under-licensed", clientId: ContosoId, userLicenses: 390),
            Client("Northwind", mrr: 98000m, currency: "JPY", subscriptions: 2, devices: 0, licenses: 4, status: "no-data"),
        ]));

        var page = RenderLoaded();

        page.FindAll("[data-testid=clients-table] thead th").Select(header => header.TextContent.Trim(' ', '▲', '▼'))
            .ShouldBe(["Client", "MRR", "Total spend", "Subscriptions", "Devices", "Device licences", "User licences", "Variance",
                "Status", "Products"]);
        var rows = page.FindAll("[data-testid=client-row]");
        rows.Count.ShouldBe(2);
        rows[0].GetAttribute("data-client-id").ShouldBe(ContosoId.ToString());
        rows[0].QuerySelectorAll("td").Select(cell => cell.TextContent.Trim())
            .ShouldBe(["Contoso Pty Ltd", "AUD 1,234.50", "—", "12", "40", "35", "390", "+5", "Under-licensed", "Products"]);
        rows[1].QuerySelectorAll("td").Select(cell => cell.TextContent.Trim())
            .ShouldBe(["Northwind", "JPY 98,000", "—", "2", "—", "4", "0", "—", "No data", "Products"]);

        var query = LastListRequest.Query;
        query["sort"].ShouldBe("mrr");
        query["direction"].ShouldBe("desc");
        query["page"].ShouldBe("1");
        query["pageSize"].ShouldBe("25");
        query.ShouldNotContainKey("search");
        query.ShouldNotContainKey("status");
        page.Find("th[aria-sort=descending]").TextContent.ShouldContain("MRR");
        rows[0].QuerySelector("[data-testid=client-subscriptions] a")!.GetAttribute("href")
            .ShouldBe($"subscriptions?clientId={ContosoId}", "the count opens the client's subscriptions");
        rows[0].QuerySelector("[data-testid=client-detail-link]")!.GetAttribute("href")
            .ShouldBe($"clients/{ContosoId}", "the name opens the client's detail");
    }

    [Fact]
    public void A_clients_row_opens_its_coverage_per_product_as_reconciliation_computes_it()
    {
        Gateway.OnGetClients(_ => ClientPage([Client("Contoso Pty Ltd", mrr: 1234.5m, currency: "AUD", subscriptions: 12,
            devices: 40, licenses: 35, status: "under-licensed", clientId: ContosoId)]));
        Gateway.On(HttpMethod.Get, $"/api/reconciliation/clients/{ContosoId}", _ => CoverageResponses.Contoso(ContosoId));
        var page = RenderLoaded();
        page.FindAll("[data-testid=client-product]").ShouldBeEmpty();

        page.Find("[data-testid=client-products-toggle]").Click();

        page.WaitForAssertion(() => CoverageResponses.Rows(page, "client-product").ShouldBe(CoverageResponses.ContosoRows));
        page.Find("[data-testid=client-products-toggle]").GetAttribute("aria-expanded").ShouldBe("true");
        page.Find("[data-testid=client-products-toggle]").Click();
        page.FindAll("[data-testid=client-products-row]").ShouldBeEmpty();
    }

    [Fact]
    public void Shows_each_clients_total_spend_and_its_billing_contact_under_its_name()
    {
        Gateway.OnGetClients(_ => ClientPage(
        [
            WithBilling(Client("Contoso Pty Ltd", clientId: ContosoId), new { amount = 2500.5m, currency = "AUD" }, "Jane Doe"),
            WithBilling(Client("Northwind"), totalSpend: null, billingContact: null),
        ]));

        var page = RenderLoaded();

        page.FindAll("[data-testid=client-total-spend]").Select(cell => cell.TextContent.Trim())
            .ShouldBe(["AUD 2,500.50", "—"]);
        var rows = page.FindAll("[data-testid=client-row]");
        rows[0].QuerySelector("[data-testid=client-detail-link]")!.TextContent.ShouldBe("Contoso Pty Ltd");
        rows[0].QuerySelector("[data-testid=client-name] [data-testid=client-billing-contact]")!.TextContent
            .ShouldBe("Jane Doe", "the contact is the name's secondary text");
        rows[1].QuerySelectorAll("[data-testid=client-billing-contact]").ShouldBeEmpty("no invoices, no contact");
    }

    [Theory]
    [InlineData("totalSpend")]
    [InlineData("variance")]
    public void Total_spend_and_variance_sort_largest_first_then_reversed(string column)
    {
        Gateway.OnGetClients(_ => ClientPage([Client("Contoso")]));
        var page = RenderLoaded();

        page.Find($"[data-testid=sort-{column}]").Click();
        page.WaitForAssertion(() => LastListRequest.Query["sort"].ShouldBe(column));
        LastListRequest.Query["direction"].ShouldBe("desc");
        Navigation.Uri.ShouldBe($"http://localhost/clients?sort={column}");
        page.Find("th[aria-sort=descending]").TextContent.ShouldContain(column == "variance" ? "Variance" : "Total spend");

        page.Find($"[data-testid=sort-{column}]").Click();
        page.WaitForAssertion(() => LastListRequest.Query["direction"].ShouldBe("asc"));
        Navigation.Uri.ShouldBe($"http://localhost/clients?sort={column}&direction=asc");
    }

    [Fact]
    public void Each_under_licensed_clients_variance_opens_its_missed_billing()
    {
        Gateway.OnGetClients(_ => ClientPage(
        [
            Client("Contoso Pty Ltd", devices: 40, licenses: 35, status: "under-licensed", clientId: ContosoId),
            Client("Fabrikam", devices: 8, licenses: 10, status: "over-licensed"),
            Client("Northwind", devices: 0, licenses: 4, status: "no-data"),
        ]));

        var page = RenderLoaded();

        var variances = page.FindAll("[data-testid=client-variance]");
        variances.Select(cell => cell.TextContent.Trim()).ShouldBe(["+5", "−2", "—"]);
        variances[0].QuerySelector("[data-testid=client-missed-billing-link]")!.GetAttribute("href")
            .ShouldBe($"missed-billing?clientId={ContosoId}", "under-licensing is where missed billing comes from");
        page.FindAll("[data-testid=client-missed-billing-link]").ShouldHaveSingleItem();
    }

    [Fact]
    public void The_no_data_filter_points_to_taking_a_snapshot_first()
    {
        Navigation.NavigateTo("clients?status=no-data");
        Gateway.OnGetClients(_ => ClientPage([Client("Northwind", status: "no-data")]));

        var page = RenderLoaded();

        page.Find("[data-testid=clients-take-snapshot]").GetAttribute("href").ShouldBe("reconciliation");
        page.Find("[data-testid=client-status] .badge").GetAttribute("title").ShouldBe("Run a reconciliation snapshot first");
    }

    [Fact]
    public void Other_filters_do_not_ask_for_a_snapshot()
    {
        Navigation.NavigateTo("clients?status=matched");
        Gateway.OnGetClients(_ => ClientPage([Client("Contoso", devices: 4, licenses: 4, status: "matched")]));

        var page = RenderLoaded();

        page.FindAll("[data-testid=clients-no-data-hint]").ShouldBeEmpty();
    }

    [Fact]
    public void A_wide_table_scrolls_inside_its_card_not_the_page()
    {
        Gateway.OnGetClients(_ => ClientPage([Client("Contoso")]));

        var page = RenderLoaded();

        page.Find("[data-testid=clients-table]").ParentElement!.ClassList.ShouldContain("table-scroll");
    }

    [Fact]
    public void A_read_only_user_is_not_offered_the_add_client_form()
    {
        SignInAs(TestUser.ReadOnly);
        Gateway.OnGetClients(_ => ClientPage([]));

        var page = RenderLoaded();

        page.FindAll("[data-testid=client-create-form]").ShouldBeEmpty();
        page.Find("[data-testid=clients-read-only]").TextContent.ShouldContain("Only owners, admins and finance");
    }

    [Fact]
    public void A_finance_user_may_add_clients()
    {
        SignInAs(TestUser.Finance);
        Gateway.OnGetClients(_ => ClientPage([]));

        var page = RenderLoaded();

        page.FindAll("[data-testid=client-create-form]").ShouldHaveSingleItem();
        page.FindAll("[data-testid=clients-read-only]").ShouldBeEmpty();
    }

    [Fact]
    public void Says_no_clients_when_the_read_model_is_empty()
    {
        Gateway.OnGetClients(_ => ClientPage([]));

        var page = RenderLoaded();

        page.Find("[data-testid=clients-empty]").TextContent.ShouldContain("No clients");
        page.FindAll("[data-testid=client-row]").ShouldBeEmpty();
        page.FindAll("[data-testid=clients-page-info]").ShouldBeEmpty();
    }

    [Fact]
    public void Shows_the_problem_title_when_the_api_fails()
    {
        Gateway.OnGetClients(_ => Problem(HttpStatusCode.ServiceUnavailable, "Client read model is rebuilding",
            "Try again in a minute."));

        var page = Render<Clients>();

        var error = page.WaitForElement("[data-testid=clients-error]");
        error.TextContent.ShouldContain("Could not load clients: Client read model is rebuilding");
        error.TextContent.ShouldContain("Try again in a minute.");
        page.FindAll("[data-testid=clients-table]").ShouldBeEmpty();
    }

    [Fact]
    public void Says_the_gateway_cannot_be_reached_when_the_call_fails_to_connect()
    {
        Gateway.OnGetClients(_ => throw new HttpRequestException("Connection refused (gateway:80)"));

        var page = Render<Clients>();

        page.WaitForElement("[data-testid=clients-error]").TextContent
            .ShouldContain("The BillingOne gateway could not be reached.");
    }

    [Fact]
    public void Status_filter_asks_the_read_model_for_that_status_from_the_first_page()
    {
        Navigation.NavigateTo("clients?page=3");
        Gateway.OnGetClients(_ => ClientPage([Client("Contoso")], page: 3, totalCount: 60));
        var page = RenderLoaded();

        page.Find("[data-testid=client-status-filter]").Change("over-licensed");

        page.WaitForAssertion(() => LastListRequest.Query["status"].ShouldBe("over-licensed"));
        LastListRequest.Query["page"].ShouldBe("1");
        Navigation.Uri.ShouldBe("http://localhost/clients?status=over-licensed");
    }

    [Fact]
    public void Choosing_all_statuses_drops_the_status_parameter()
    {
        Navigation.NavigateTo("clients?status=matched");
        Gateway.OnGetClients(_ => ClientPage([Client("Contoso", status: "matched")]));
        var page = RenderLoaded();

        page.Find("[data-testid=client-status-filter]").Change(string.Empty);

        page.WaitForAssertion(() => LastListRequest.Query.ShouldNotContainKey("status"));
        Navigation.Uri.ShouldBe("http://localhost/clients");
    }

    [Fact]
    public void Opening_the_dashboard_link_applies_its_status_filter()
    {
        Navigation.NavigateTo("clients?status=under-licensed");
        Gateway.OnGetClients(_ => ClientPage([Client("Contoso", status: "under-licensed")]));

        var page = RenderLoaded();

        LastListRequest.Query["status"].ShouldBe("under-licensed");
        page.Find("[data-testid=client-status-filter]").GetAttribute("value").ShouldBe("under-licensed");
    }

    [Fact]
    public void Ignores_a_status_it_does_not_know_instead_of_sending_it()
    {
        Navigation.NavigateTo("clients?status=everything&sort=colour&direction=sideways&page=-2");
        Gateway.OnGetClients(_ => ClientPage([Client("Contoso")]));

        RenderLoaded();

        var query = LastListRequest.Query;
        query.ShouldNotContainKey("status");
        query["sort"].ShouldBe("mrr");
        query["direction"].ShouldBe("desc");
        query["page"].ShouldBe("1");
    }

    [Fact]
    public void Search_sends_the_trimmed_name()
    {
        Gateway.OnGetClients(_ => ClientPage([Client("Contoso")]));
        var page = RenderLoaded();

        page.Find("[data-testid=client-search]").Change("  Contoso ");

        page.WaitForAssertion(() => LastListRequest.Query["search"].ShouldBe("Contoso"));
        Navigation.Uri.ShouldBe("http://localhost/clients?search=Contoso");
    }

    [Fact]
    public void An_empty_filtered_result_offers_to_show_all_clients()
    {
        Navigation.NavigateTo("clients?search=zzz&status=matched");
        Gateway.OnGetClients(_ => ClientPage([]));
        var page = RenderLoaded();

        page.Find("[data-testid=clients-clear-filters]").Click();

        page.WaitForAssertion(() => Navigation.Uri.ShouldBe("http://localhost/clients"));
        LastListRequest.Query.ShouldNotContainKey("search");
        LastListRequest.Query.ShouldNotContainKey("status");
    }

    [Fact]
    public void Clicking_a_header_sorts_by_it_and_clicking_again_reverses()
    {
        Gateway.OnGetClients(_ => ClientPage([Client("Contoso")]));
        var page = RenderLoaded();

        page.Find("[data-testid=sort-name]").Click();
        page.WaitForAssertion(() => LastListRequest.Query["sort"].ShouldBe("name"));
        LastListRequest.Query["direction"].ShouldBe("asc");

        page.Find("[data-testid=sort-name]").Click();
        page.WaitForAssertion(() => LastListRequest.Query["direction"].ShouldBe("desc"));
        Navigation.Uri.ShouldBe("http://localhost/clients?sort=name&direction=desc");
    }

    [Fact]
    public void The_sort_by_picker_for_phones_lists_the_sortable_columns_and_drives_the_same_sort_and_address()
    {
        Gateway.OnGetClients(_ => ClientPage([Client("Contoso")]));
        var page = RenderLoaded();

        var column = page.Find("[data-testid=sort-picker-column]");
        column.QuerySelectorAll("option").Select(option => option.TextContent)
            .ShouldBe(["Client", "MRR", "Total spend", "Subscriptions", "Devices", "Device licences", "Variance"]);

        column.Change("variance");
        page.WaitForAssertion(() => LastListRequest.Query["sort"].ShouldBe("variance"));
        LastListRequest.Query["direction"].ShouldBe("desc");
        Navigation.Uri.ShouldBe("http://localhost/clients?sort=variance");
        page.WaitForAssertion(() =>
            page.Find("[data-testid=sort-picker-direction]").GetAttribute("value").ShouldBe("desc"));
        page.Find("th[aria-sort=descending]").TextContent.ShouldContain("Variance");

        page.Find("[data-testid=sort-picker-direction]").Change("asc");
        page.WaitForAssertion(() => LastListRequest.Query["direction"].ShouldBe("asc"));
        Navigation.Uri.ShouldBe("http://localhost/clients?sort=variance&direction=asc");
        page.WaitForAssertion(() =>
            page.Find("[data-testid=sort-picker-column]").GetAttribute("value").ShouldBe("variance"));

        // Choosing the direction it has already asks for nothing.
        var requests = Gateway.Requests.Count;
        page.Find("[data-testid=sort-picker-direction]").Change("asc");
        Gateway.Requests.Count.ShouldBe(requests);
    }

    [Fact]
    public void Next_asks_for_the_following_page()
    {
        Gateway.OnGetClients(request => ClientPage([Client("Contoso")], page: int.Parse(request.Query["page"]), totalCount: 60));
        var page = RenderLoaded();
        page.Find("[data-testid=clients-page-info]").TextContent.ShouldContain("Page 1 of 3 · 60 clients");
        page.Find("[data-testid=clients-prev]").HasAttribute("disabled").ShouldBeTrue();

        page.Find("[data-testid=clients-next]").Click();

        page.WaitForAssertion(() => LastListRequest.Query["page"].ShouldBe("2"));
        page.WaitForAssertion(() => page.Find("[data-testid=clients-page-info]").TextContent.ShouldContain("Page 2 of 3"));
        page.Find("[data-testid=clients-prev]").HasAttribute("disabled").ShouldBeFalse();
    }

    [Fact]
    public void Refresh_queries_the_read_model_again()
    {
        var answers = 0;
        Gateway.OnGetClients(_ => ++answers == 1 ? ClientPage([]) : ClientPage([Client("Contoso")]));
        var page = RenderLoaded();
        page.Find("[data-testid=clients-empty]");

        page.Find("[data-testid=clients-refresh]").Click();

        page.WaitForAssertion(() => page.FindAll("[data-testid=client-row]").Count.ShouldBe(1));
    }

    [Fact]
    public void Export_link_carries_the_current_filter_and_sort()
    {
        Navigation.NavigateTo("clients?search=Con%20toso&status=under-licensed&sort=name&page=2");
        Gateway.OnGetClients(_ => ClientPage([Client("Contoso")], page: 2, totalCount: 30));

        var page = RenderLoaded();

        var export = page.Find("[data-testid=clients-export]");
        export.GetAttribute("href").ShouldBe("clients/export.csv?search=Con%20toso&status=under-licensed&sort=name");
        export.HasAttribute("download").ShouldBeTrue();
    }

    [Fact]
    public void Creating_a_client_shows_the_validation_errors_of_the_problem_answer()
    {
        Gateway.OnGetClients(_ => ClientPage([]));
        Gateway.OnCreateClient(_ => Problem(HttpStatusCode.BadRequest, "One or more validation errors occurred.",
            errors: new Dictionary<string, string[]>
            {
                ["Name"] = ["Name must be at most 200 characters."],
                ["orgId"] = ["The organization is disabled."],
            }));
        var page = RenderLoaded();

        page.Find("[data-testid=client-create-name]").Input(new string('x', 201));
        page.Find("[data-testid=client-create-form]").Submit();

        page.WaitForAssertion(() => page.Find("[data-testid=client-create-name-errors]").TextContent
            .ShouldContain("Name must be at most 200 characters."));
        var alert = page.Find("[data-testid=client-create-error]");
        alert.TextContent.ShouldContain("One or more validation errors occurred.");
        alert.TextContent.ShouldContain("The organization is disabled.");
        page.Find("[data-testid=client-create-name]").GetAttribute("aria-invalid").ShouldBe("true");
        page.Find("[data-testid=client-create-name]").GetAttribute("value").ShouldBe(new string('x', 201));
    }

    [Fact]
    public void A_blank_name_is_refused_without_calling_the_api()
    {
        Gateway.OnGetClients(_ => ClientPage([]));
        var page = RenderLoaded();

        page.Find("[data-testid=client-create-name]").Input("   ");
        page.Find("[data-testid=client-create-form]").Submit();

        page.Find("[data-testid=client-create-name-errors]").TextContent.ShouldContain("Enter the client's name.");
        Gateway.RequestsTo(HttpMethod.Post, "/api/subscription/clients").ShouldBeEmpty();
    }

    [Fact]
    public void A_created_client_appears_once_the_read_model_has_it()
    {
        var fabrikamId = Guid.NewGuid();
        var readModelHasFabrikam = false;
        Gateway.OnGetClients(_ => ClientPage(readModelHasFabrikam
            ? [Client("Contoso"), Client("Fabrikam", clientId: fabrikamId)]
            : [Client("Contoso")]));
        Gateway.OnCreateClient(_ => CreatedClient(fabrikamId, "Fabrikam"));
        var page = RenderLoaded();

        page.Find("[data-testid=client-create-name]").Input(" Fabrikam ");
        page.Find("[data-testid=client-create-form]").Submit();

        page.WaitForAssertion(() => page.Find("[data-testid=client-create-status]").TextContent
            .ShouldContain("Waiting for it to appear in the list"));
        var created = Gateway.RequestsTo(HttpMethod.Post, "/api/subscription/clients").ShouldHaveSingleItem();
        JsonDocument.Parse(created.Body!).RootElement.GetProperty("name").GetString().ShouldBe("Fabrikam");
        page.Find("[data-testid=client-create-name]").GetAttribute("value").ShouldBeEmpty();
        page.Find("[data-testid=client-create-submit]").HasAttribute("disabled").ShouldBeFalse("the next client can be added while waiting");

        // The projection catches up; the next look-up finds the client and the list is queried again.
        readModelHasFabrikam = true;
        Time.AdvanceAfterTimer(1, Clients.CreatedClientLookupInterval);

        page.WaitForAssertion(() => page.FindAll("[data-testid=client-row]").Count.ShouldBe(2));
        page.Find($"[data-client-id='{fabrikamId}']").TextContent.ShouldContain("Fabrikam");
        page.Find("[data-testid=client-create-status]").TextContent.ShouldBe("Added “Fabrikam”.");
        Gateway.RequestsTo(HttpMethod.Get, "/api/projection/clients")
            .ShouldContain(request => request.Query.GetValueOrDefault("search") == "Fabrikam");
    }

    [Fact]
    public void A_created_client_that_is_slow_to_appear_points_to_refresh()
    {
        Gateway.OnGetClients(_ => ClientPage([Client("Contoso")]));
        Gateway.OnCreateClient(_ => CreatedClient(Guid.NewGuid(), "Fabrikam"));
        var page = RenderLoaded();

        page.Find("[data-testid=client-create-name]").Input("Fabrikam");
        page.Find("[data-testid=client-create-form]").Submit();
        for (var wait = 1; wait < Clients.CreatedClientLookups; wait++)
        {
            Time.AdvanceAfterTimer(wait, Clients.CreatedClientLookupInterval);
        }

        page.WaitForAssertion(() => page.Find("[data-testid=client-create-status]").TextContent
            .ShouldContain("use Refresh in a moment"));
        LookupsFor("Fabrikam").ShouldBe(Clients.CreatedClientLookups);
    }

    private int LookupsFor(string name) =>
        Gateway.RequestsTo(HttpMethod.Get, "/api/projection/clients")
            .Count(request => request.Query.GetValueOrDefault("search") == name);

    [Fact]
    public void Links_to_the_client_mappings()
    {
        Gateway.OnGetClients(_ => ClientPage([]));

        var page = RenderLoaded();

        page.Find("[data-testid=clients-mappings-link]").GetAttribute("href").ShouldBe("clients/mappings");
    }
}

using System.Net;
using BillingOne.Web.Components.Integrations;
using BillingOne.Web.Components.Pages;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;
using static BillingOne.Web.Tests.TestDoubles.IntegrationResponses;
using static BillingOne.Web.Tests.TestDoubles.InvoiceResponses;
using static BillingOne.Web.Tests.TestDoubles.MeteringResponses;

namespace BillingOne.Web.Tests;

[Trait("Category", "Unit")]
public sealed class InvoicesPageTests : ListPageContext<Invoices>
{
    private static readonly Guid RunId = Guid.Parse("9e000000-0000-4000-8000-000000000031");

    public InvoicesPageTests() : base(InvoicesPath, "invoices") => Navigation.NavigateTo("invoices");

    [Fact]
    public void Lists_each_invoice_with_its_amounts_dates_status_and_a_link_into_Xero()
    {
        ServeList(Invoice(), Invoice(null, clientName: "Northwind", clientId: NorthwindId, status: "paid", source: "superops",
            amountDue: 0m, vendorUrl: null, id: Guid.NewGuid(), dueOn: null));

        var page = RenderLoaded();

        ColumnHeaders(page).ShouldBe(
            ["Number", "Client", "Contact", "Issued", "Due", "Total", "Amount due", "Status", "Source", "Links"]);
        var rows = page.FindAll("[data-testid=invoice-row]");
        rows[0].QuerySelectorAll("td").Select(CellText).ShouldBe(
            ["INV-0042", "Contoso", "Contoso Pty Ltd", "2025-03-14", "2025-04-14", "AUD 1,100.00", "AUD 1,100.00",
                "Awaiting payment", "Xero", "Open in Xero"]);
        var link = rows[0].QuerySelector("[data-testid=invoice-vendor-link]")!;
        link.GetAttribute("href").ShouldBe("https://go.xero.com/app/invoicing/view/xero-inv-42");
        link.GetAttribute("target").ShouldBe("_blank");
        CellText(rows[1].QuerySelector("[data-testid=invoice-number]")!).ShouldBe("(no number)");
        CellText(rows[1].QuerySelector("[data-testid=invoice-due]")!).ShouldBe("—");
        CellText(rows[1].QuerySelector("[data-testid=invoice-source]")!).ShouldBe("SuperOps");
        rows[1].QuerySelector("[data-testid=invoice-vendor-link]").ShouldBeNull();
        var query = LastListRequest.Query;
        query["sort"].ShouldBe("issuedOn");
        query["direction"].ShouldBe("desc");
        query["page"].ShouldBe("1");
        query["pageSize"].ShouldBe("25");
        query.ShouldNotContainKey("unmapped");
    }

    [Theory]
    [InlineData("draft", "badge-invoice-draft", "Draft")]
    [InlineData("submitted", "badge-invoice-submitted", "Submitted")]
    [InlineData("awaiting", "badge-invoice-awaiting", "Awaiting payment")]
    [InlineData("overdue", "badge-invoice-overdue", "Overdue")]
    [InlineData("paid", "badge-invoice-paid", "Paid")]
    [InlineData("voided", "badge-invoice-voided", "Voided")]
    [InlineData("deleted", "badge-neutral", "Deleted")]
    public void Each_status_has_its_badge_and_others_read_neutral(string status, string badgeClass, string label)
    {
        ServeList(Invoice(status: status));

        var page = RenderLoaded();

        var badge = page.Find("[data-testid=invoice-status] .badge");
        badge.ClassList.ShouldContain(badgeClass);
        badge.TextContent.ShouldBe(label);
    }

    [Fact]
    public void An_unmapped_invoice_links_to_its_vendors_client_mappings_searched_for_the_contact()
    {
        ServeList(Invoice(clientName: null, contactName: "Fabrikam & Sons"), Invoice("SO-9", clientName: null,
            contactName: "Tailspin", source: "superops", id: Guid.NewGuid()));

        var page = RenderLoaded();

        var rows = page.FindAll("[data-testid=invoice-row]");
        CellText(rows[0].QuerySelector("[data-testid=invoice-client]")!).ShouldBe("unmapped Map the contact");
        rows[0].QuerySelector("[data-testid=invoice-fix-mapping]")!.GetAttribute("href")
            .ShouldBe("clients/mappings?vendor=xero&search=Fabrikam%20%26%20Sons");
        rows[1].QuerySelector("[data-testid=invoice-fix-mapping]")!.GetAttribute("href")
            .ShouldBe("clients/mappings?vendor=superops&search=Tailspin");
    }

    [Fact]
    public void Search_asks_the_service_from_the_first_page_and_keeps_it_in_the_address_and_the_export()
    {
        Navigation.NavigateTo("invoices?page=2");
        ServeList(Invoice());
        var page = RenderLoaded();

        page.Find("[data-testid=invoice-search]").Change(" 1100 ");

        page.WaitForAssertion(() => LastListRequest.Query["search"].ShouldBe("1100"));
        LastListRequest.Query["page"].ShouldBe("1");
        Navigation.Uri.ShouldBe("http://localhost/invoices?search=1100");
        page.Find("[data-testid=invoices-export]").GetAttribute("href").ShouldBe("invoices/export.csv?search=1100");
    }

    [Fact]
    public void Status_source_and_unmapped_filters_and_sorting_go_to_the_service_and_the_export()
    {
        ServeList(Invoice());
        var page = RenderLoaded();

        page.Find("[data-testid=invoice-status-filter]").Change("overdue");
        page.WaitForAssertion(() => LastListRequest.Query["status"].ShouldBe("overdue"));
        page.Find("[data-testid=invoice-source-filter]").Change("xero");
        page.WaitForAssertion(() => LastListRequest.Query["source"].ShouldBe("xero"));
        page.Find("[data-testid=invoice-unmapped-filter]").Change(true);
        page.WaitForAssertion(() => LastListRequest.Query["unmapped"].ShouldBe("true"));
        page.Find("[data-testid=sort-amountDue]").Click();

        page.WaitForAssertion(() => LastListRequest.Query["sort"].ShouldBe("amountDue"));
        LastListRequest.Query["direction"].ShouldBe("desc");
        LastListRequest.Query["status"].ShouldBe("overdue");
        Navigation.Uri.ShouldBe("http://localhost/invoices?status=overdue&source=xero&unmapped=true&sort=amountDue");
        page.Find("[data-testid=invoices-export]").GetAttribute("href")
            .ShouldBe("invoices/export.csv?status=overdue&source=xero&unmapped=true");
        page.Find("[data-testid=invoice-unmapped-filter]").HasAttribute("checked").ShouldBeTrue();
    }

    [Fact]
    public void An_issue_date_range_goes_to_the_service_the_address_and_the_export()
    {
        ServeList(Invoice());
        var page = RenderLoaded();

        page.Find("[data-testid=invoice-from-filter]").Change("2025-01-01");
        page.WaitForAssertion(() => LastListRequest.Query["from"].ShouldBe("2025-01-01"));
        page.Find("[data-testid=invoice-to-filter]").Change("2025-03-31");

        page.WaitForAssertion(() => LastListRequest.Query["to"].ShouldBe("2025-03-31"));
        LastListRequest.Query["from"].ShouldBe("2025-01-01");
        Navigation.Uri.ShouldBe("http://localhost/invoices?from=2025-01-01&to=2025-03-31");
        page.Find("[data-testid=invoices-export]").GetAttribute("href")
            .ShouldBe("invoices/export.csv?from=2025-01-01&to=2025-03-31");
        page.Find("[data-testid=invoice-to-filter]").GetAttribute("min").ShouldBe("2025-01-01");
    }

    [Fact]
    public void An_issue_date_range_kept_in_the_address_survives_a_reload()
    {
        Navigation.NavigateTo("invoices?from=2025-01-01&to=2025-03-31&status=paid");
        ServeList(Invoice());

        var page = RenderLoaded();

        (LastListRequest.Query["from"], LastListRequest.Query["to"], LastListRequest.Query["status"])
            .ShouldBe(("2025-01-01", "2025-03-31", "paid"));
        page.Find("[data-testid=invoice-from-filter]").GetAttribute("value").ShouldBe("2025-01-01");
        page.Find("[data-testid=invoice-to-filter]").GetAttribute("value").ShouldBe("2025-03-31");
    }

    [Fact]
    public void The_filters_fold_behind_a_button_that_counts_the_ones_set()
    {
        Navigation.NavigateTo("invoices?status=paid&from=2025-01-01&search=inv");
        ServeList(Invoice());
        var page = RenderLoaded();

        var toggle = page.Find("[data-testid=invoice-filters-toggle]");
        toggle.TextContent.Trim().ShouldBe("Filters (2)", "the search stays out of the fold, so it is not counted");
        toggle.GetAttribute("aria-expanded").ShouldBe("false");
        page.Find("[data-testid=invoice-filters]").ClassList.ShouldNotContain("open");

        toggle.Click();

        page.Find("[data-testid=invoice-filters-toggle]").GetAttribute("aria-expanded").ShouldBe("true");
        page.Find("[data-testid=invoice-filters]").ClassList.ShouldContain("open");
        page.Find("[data-testid=invoice-filters] [data-testid=invoice-status-filter]").GetAttribute("value").ShouldBe("paid");
    }

    [Fact]
    public void Values_the_page_does_not_know_fall_back_to_the_defaults()
    {
        Navigation.NavigateTo("invoices?status=lost&source=myob&unmapped=maybe&from=yesterday&to=2025-02-30&sort=colour&page=0");
        ServeList(Invoice());

        RenderLoaded();

        var query = LastListRequest.Query;
        query.ShouldNotContainKey("status");
        query.ShouldNotContainKey("source");
        query.ShouldNotContainKey("unmapped");
        query.ShouldNotContainKey("from");
        query.ShouldNotContainKey("to");
        query["sort"].ShouldBe("issuedOn");
        query["page"].ShouldBe("1");
    }

    [Fact]
    public void The_client_scope_filters_the_list_and_the_export()
    {
        Navigation.NavigateTo($"invoices?clientId={NorthwindId}");
        ServeList(Invoice(clientName: "Northwind", clientId: NorthwindId));

        var page = RenderLoaded();

        LastListRequest.Query["clientId"].ShouldBe(NorthwindId.ToString());
        page.Find("[data-testid=invoices-scope]").TextContent.ShouldContain("Showing the invoices of Northwind.");
        page.Find("[data-testid=invoices-export]").GetAttribute("href").ShouldBe($"invoices/export.csv?clientId={NorthwindId}");
        page.Find("[data-testid=invoices-clear-scope]").Click();
        Navigation.Uri.ShouldBe("http://localhost/invoices");
    }

    [Fact]
    public void Opening_an_invoice_shows_its_details_line_items_and_payment_status()
    {
        ServeList(Invoice());
        Gateway.On(HttpMethod.Get, $"{InvoicesPath}/{InvoiceId}", _ => Json(InvoiceDetail()));
        var page = RenderLoaded();

        page.Find("[data-testid=invoice-open]").Click();

        var detail = page.WaitForElement("[data-testid=invoice-detail-panel]");
        detail.QuerySelector("[data-testid=invoice-detail-number]")!.TextContent.ShouldBe("INV-0042");
        detail.QuerySelector("[data-testid=invoice-detail-reference]")!.TextContent.ShouldBe("March services");
        detail.QuerySelector("[data-testid=invoice-detail-client]")!.TextContent.ShouldBe("Contoso");
        detail.QuerySelector("[data-testid=invoice-detail-amount-due]")!.TextContent.ShouldBe("AUD 600.00");
        detail.QuerySelector("[data-testid=invoice-detail-due]")!.TextContent.ShouldBe("2025-04-14");
        detail.QuerySelector("[data-testid=invoice-detail-payment]")!.TextContent.ShouldBe("Part paid: 500.00 of 1,100.00");
        detail.QuerySelector("[data-testid=invoice-detail-vendor-link]")!.GetAttribute("href")
            .ShouldBe("https://go.xero.com/app/invoicing/view/xero-inv-42");
        var lines = detail.QuerySelectorAll("[data-testid=invoice-line]");
        lines.Length.ShouldBe(3);
        lines[0].QuerySelectorAll("td").Select(CellText)
            .ShouldBe(["Managed backup (GB)", "400", "AUD 1.25", "200", "AUD 50.00", "AUD 500.00"]);
        lines[2].QuerySelectorAll("td").Select(CellText).ShouldBe(["Onboarding", "—", "—", "—", "—", "—"]);
        detail.QuerySelector("[data-testid=invoice-detail-subtotal]")!.TextContent.ShouldBe("AUD 1,000.00");
        detail.QuerySelector("[data-testid=invoice-detail-tax]")!.TextContent.ShouldBe("AUD 100.00");
        detail.QuerySelector("[data-testid=invoice-detail-total]")!.TextContent.ShouldBe("AUD 1,100.00");

        page.Find("[data-testid=invoice-open]").Click();
        page.FindAll("[data-testid=invoice-detail]").ShouldBeEmpty();
    }

    [Fact]
    public void An_invoice_that_cannot_be_loaded_says_why_in_its_panel()
    {
        ServeList(Invoice());
        Gateway.On(HttpMethod.Get, $"{InvoicesPath}/{InvoiceId}", _ => Problem(HttpStatusCode.NotFound, "The invoice was not found."));
        var page = RenderLoaded();

        page.Find("[data-testid=invoice-open]").Click();

        page.WaitForElement("[data-testid=invoice-detail-error]").TextContent
            .ShouldContain("Could not load the invoice: The invoice was not found.");
    }

    [Fact]
    public void Says_no_invoices_yet_and_where_to_connect_Xero_before_the_first_sync()
    {
        ServeList();

        var page = RenderLoaded();

        page.Find("[data-testid=invoices-empty] p").TextContent.ShouldBe("No invoices yet");
        CellText(page.Find("[data-testid=invoices-never-synced]")).ShouldBe(
            "Invoices arrive with the Xero and SuperOps syncs: connect Xero in Settings → Integrations, then use Sync from Xero.");
        page.Find("[data-testid=invoices-integrations-link]").GetAttribute("href").ShouldBe("settings/integrations");
        page.Find("[data-testid=invoices-sync-xero-start]").TextContent.Trim().ShouldBe("Sync from Xero");
        page.Find("[data-testid=invoices-sync-superops-start]").TextContent.Trim().ShouldBe("Sync SuperOps Invoices");
        page.FindAll("[data-testid=invoices-clear-filters]").ShouldBeEmpty();
    }

    [Fact]
    public void Says_nothing_matches_a_search_and_offers_to_clear_it()
    {
        Navigation.NavigateTo("invoices?search=nothing&status=paid&unmapped=true");
        ServeList();

        var page = RenderLoaded();

        page.Find("[data-testid=invoices-empty] p").TextContent.ShouldBe("No invoices match");
        page.FindAll("[data-testid=invoices-never-synced]").ShouldBeEmpty();
        page.Find("[data-testid=invoices-clear-filters]").Click();
        Navigation.Uri.ShouldBe("http://localhost/invoices");
    }

    [Fact]
    public void Sync_from_Xero_follows_the_run_then_shows_what_it_brought()
    {
        ServeList();
        Gateway.On(HttpMethod.Post, $"{XeroPath}/sync", _ => Json(
            SyncRun(RunId, integration: "xero", status: "running", stage: "Invoices", itemsDone: 10, itemsTotal: 20),
            HttpStatusCode.Accepted));
        var page = RenderLoaded();

        page.Find("[data-testid=invoices-sync-xero-start]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=invoices-sync-xero] [data-testid=sync-run-items]").TextContent
            .ShouldBe("10 of 20"));
        Gateway.On(HttpMethod.Get, SyncRunPath(InvoiceIntegrations, RunId), _ => Json(SyncRun(RunId, integration: "xero", added: 1)));
        ServeList(Invoice());
        Time.AdvanceAfterTimer(1, SyncRunner.PollInterval);

        page.WaitForAssertion(() => page.FindAll("[data-testid=invoice-row]").Count.ShouldBe(1));
        Gateway.RequestsTo(HttpMethod.Post, $"{SuperOpsPath}/sync").ShouldBeEmpty();
    }

    [Fact]
    public void Sync_SuperOps_Invoices_shows_why_it_cannot_run()
    {
        ServeList();
        Gateway.On(HttpMethod.Post, $"{SuperOpsPath}/sync", _ => Problem(HttpStatusCode.Conflict, "SuperOps is not set up."));
        var page = RenderLoaded();

        page.Find("[data-testid=invoices-sync-superops-start]").Click();

        page.WaitForElement("[data-testid=invoices-sync-superops-error]").TextContent.ShouldContain("SuperOps: SuperOps is not set up.");
    }

    [Fact]
    public void A_read_only_user_sees_the_invoices_but_cannot_sync()
    {
        SignInAs(TestUser.ReadOnly);
        ServeList(Invoice());

        var page = RenderLoaded();

        page.FindAll("[data-testid=invoices-sync-xero-start]").ShouldBeEmpty();
        page.FindAll("[data-testid=invoices-sync-superops-start]").ShouldBeEmpty();
        page.FindAll("[data-testid=invoice-row]").Count.ShouldBe(1);
    }

    [Fact]
    public void Shows_the_problem_when_the_service_fails()
    {
        Gateway.On(HttpMethod.Get, InvoicesPath, _ => Problem(HttpStatusCode.ServiceUnavailable, "Invoice service unavailable"));

        var page = Render<Invoices>();

        page.WaitForElement("[data-testid=invoices-error]").TextContent
            .ShouldContain("Could not load invoices: Invoice service unavailable");
    }
}

using System.Net;
using BillingOne.Web.Components.Integrations;
using BillingOne.Web.Components.Pages;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;
using static BillingOne.Web.Tests.TestDoubles.IntegrationResponses;
using static BillingOne.Web.Tests.TestDoubles.MeteringResponses;

namespace BillingOne.Web.Tests;

[Trait("Category", "Unit")]
public sealed class SubscriptionsPageTests : ListPageContext<Subscriptions>
{
    private const string SubscriptionsPath = "/api/subscription/subscriptions";
    private const string SubscriptionId = "a3b1c2d4-0000-4000-8000-00000000abcd";
    private static readonly Guid RunId = Guid.Parse("9e000000-0000-4000-8000-000000000021");

    public SubscriptionsPageTests() : base(SubscriptionsPath, "subscriptions") => Navigation.NavigateTo("subscriptions");

    private static object Subscription(
        string productName = "Microsoft 365 Business Premium", string? clientName = "Contoso", Guid? clientId = null,
        string? companyName = "Contoso Pty Ltd", string status = "active", decimal quantity = 25, decimal unitPrice = 33.6m,
        string id = SubscriptionId, string? licenceUnit = "user", string billingTerm = "annual", decimal? monthlyValue = null) =>
        new
        {
            id,
            clientId = clientName is null ? (Guid?)null : clientId ?? ContosoId,
            clientName,
            companyId = "pax8-company-7",
            companyName,
            productId = "pax8-product-9",
            productName,
            vendorName = "Microsoft",
            sku = "MST-365-BP",
            licenceUnit,
            quantity,
            unitPrice = new { amount = unitPrice, currency = "AUD" },
            total = new { amount = unitPrice * quantity, currency = "AUD" },
            monthlyValue = new { amount = monthlyValue ?? unitPrice * quantity / 12, currency = "AUD" },
            billingTerm,
            status,
            startDate = "2025-01-01",
            endDate = "2025-12-31",
            updatedAt = Created,
        };

    [Fact]
    public void Lists_each_subscription_with_the_seed_columns_sorted_by_client()
    {
        ServeList(
            Subscription(),
            Subscription("Exchange Online", clientName: null, companyName: "Fabrikam Holdings", status: "suspended",
                quantity: 1, unitPrice: 6.1m, id: "sub-2", licenceUnit: null));

        var page = RenderLoaded();

        ColumnHeaders(page).ShouldBe(["Client", "Product", "Quantity", "Price", "Status", "Start", "End"]);
        var rows = page.FindAll("[data-testid=subscription-row]");
        rows[0].QuerySelectorAll("td").Select(CellText)
            .ShouldBe(["Contoso", "Microsoft 365 Business Premium", "25 users", "AUD 33.60 / year AUD 70.00 a month", "Active", "2025-01-01", "2025-12-31"]);
        CellText(rows[1].QuerySelector("[data-testid=subscription-client]")!).ShouldBe("Fabrikam Holdings unmapped");
        CellText(rows[1].QuerySelector("[data-testid=subscription-quantity]")!).ShouldBe("1");
        rows[0].QuerySelector(".badge")!.ClassList.ShouldContain("badge-subscription-active");
        rows[1].QuerySelector(".badge")!.ClassList.ShouldContain("badge-subscription-suspended");
        var query = LastListRequest.Query;
        query["sort"].ShouldBe("client");
        query["direction"].ShouldBe("asc");
        query["page"].ShouldBe("1");
        query["pageSize"].ShouldBe("25");
        query.ShouldNotContainKey("search");
    }

    [Theory]
    [InlineData("cancelled", "badge-subscription-cancelled", "Cancelled")]
    [InlineData("trial", "badge-subscription-trial", "Trial")]
    [InlineData("pending", "badge-neutral", "Pending")]
    [InlineData("pending-cancel", "badge-neutral", "Pending cancel")]
    public void Each_status_has_its_badge_and_others_read_neutral(string status, string badgeClass, string label)
    {
        ServeList(Subscription(status: status));

        var page = RenderLoaded();

        var badge = page.Find("[data-testid=subscription-status] .badge");
        badge.ClassList.ShouldContain(badgeClass);
        badge.TextContent.ShouldBe(label);
    }

    [Fact]
    public void Search_asks_the_service_from_the_first_page_and_keeps_it_in_the_address()
    {
        Navigation.NavigateTo("subscriptions?page=2");
        ServeList(Subscription());
        var page = RenderLoaded();

        page.Find("[data-testid=subscription-search]").Change("  premium ");

        page.WaitForAssertion(() => LastListRequest.Query["search"].ShouldBe("premium"));
        LastListRequest.Query["page"].ShouldBe("1");
        Navigation.Uri.ShouldBe("http://localhost/subscriptions?search=premium");
        page.Find("[data-testid=subscriptions-export]").GetAttribute("href").ShouldBe("subscriptions/export.csv?search=premium");
    }

    [Fact]
    public void Prices_show_their_term_and_the_lines_monthly_value_beside_them()
    {
        ServeList(
            Subscription(quantity: 25, unitPrice: 68.4m),
            Subscription("Exchange Online", quantity: 3, unitPrice: 6.1m, id: "sub-2", billingTerm: "monthly", monthlyValue: 18.3m),
            Subscription("Defender", quantity: 1, unitPrice: 720m, id: "sub-3", billingTerm: "three-year", monthlyValue: 20m),
            Subscription("Setup", quantity: 1, unitPrice: 150m, id: "sub-4", billingTerm: "one-time", monthlyValue: 0m));

        var page = RenderLoaded();

        page.FindAll("[data-testid=subscription-price]").Select(CellText).ShouldBe(
        [
            "AUD 68.40 / year AUD 142.50 a month",
            "AUD 6.10 / month AUD 18.30 a month",
            "AUD 720.00 / 3 years AUD 20.00 a month",
            "AUD 150.00 AUD 0.00 a month",
        ]);
    }

    [Fact]
    public void The_status_filter_offers_only_statuses_the_service_accepts_and_sends_them_as_it_spells_them()
    {
        ServeList(Subscription(status: "pending-manual"));
        var page = RenderLoaded();

        page.FindAll("[data-testid=subscription-status-filter] option").Select(option => option.GetAttribute("value")).ShouldBe(
        [
            "", "active", "cancelled", "suspended", "trial", "pending-manual", "pending-automated", "pending-cancel",
            "waiting-for-details", "converted", "pending-activation", "activated",
        ], "the subscription service's statuses (SubscriptionListQuery.Statuses), nothing else");
        page.Find("[data-testid=subscription-status-filter] option[value=pending-manual]").TextContent.ShouldBe("Pending manual");

        page.Find("[data-testid=subscription-status-filter]").Change("pending-manual");

        page.WaitForAssertion(() => LastListRequest.Query["status"].ShouldBe("pending-manual"));
        Navigation.Uri.ShouldBe("http://localhost/subscriptions?status=pending-manual");
    }

    [Fact]
    public void Status_filter_and_sorting_go_to_the_service()
    {
        ServeList(Subscription());
        var page = RenderLoaded();

        page.Find("[data-testid=subscription-status-filter]").Change("trial");
        page.WaitForAssertion(() => LastListRequest.Query["status"].ShouldBe("trial"));
        page.Find("[data-testid=sort-price]").Click();

        page.WaitForAssertion(() => LastListRequest.Query["sort"].ShouldBe("price"));
        LastListRequest.Query["direction"].ShouldBe("desc");
        LastListRequest.Query["status"].ShouldBe("trial");
    }

    [Fact]
    public void The_client_scope_filters_the_list_and_the_export()
    {
        Navigation.NavigateTo($"subscriptions?clientId={NorthwindId}");
        ServeList(Subscription(clientName: "Northwind", clientId: NorthwindId));

        var page = RenderLoaded();

        LastListRequest.Query["clientId"].ShouldBe(NorthwindId.ToString());
        page.Find("[data-testid=subscriptions-scope]").TextContent.ShouldContain("Showing the subscriptions of Northwind.");
        page.Find("[data-testid=subscriptions-export]").GetAttribute("href")
            .ShouldBe($"subscriptions/export.csv?clientId={NorthwindId}");
        page.Find("[data-testid=subscriptions-clear-scope]").Click();
        Navigation.Uri.ShouldBe("http://localhost/subscriptions");
    }

    [Fact]
    public void Opening_a_subscription_shows_its_details_with_the_Pax8_id_to_copy()
    {
        ServeList(Subscription());
        Gateway.On(HttpMethod.Get, $"{SubscriptionsPath}/{SubscriptionId}", _ => Json(Subscription(quantity: 24)));
        var page = RenderLoaded();

        page.Find("[data-testid=subscription-open]").Click();

        var detail = page.WaitForElement("[data-testid=subscription-detail-product]").ParentElement!;
        detail.QuerySelector("[data-testid=subscription-detail-sku]")!.TextContent.ShouldBe("MST-365-BP");
        detail.QuerySelector("[data-testid=subscription-detail-vendor]")!.TextContent.ShouldBe("Microsoft");
        detail.QuerySelector("[data-testid=subscription-detail-term]")!.TextContent.ShouldBe("Annual");
        detail.QuerySelector("[data-testid=subscription-detail-quantity]")!.TextContent.ShouldBe("24 users");
        detail.QuerySelector("[data-testid=subscription-detail-unit-price]")!.TextContent.ShouldBe("AUD 33.60 / year");
        detail.QuerySelector("[data-testid=subscription-detail-total]")!.TextContent.ShouldBe("AUD 806.40");
        detail.QuerySelector("[data-testid=subscription-detail-start]")!.TextContent.ShouldBe("2025-01-01");
        detail.QuerySelector("[data-testid=subscription-detail-end]")!.TextContent.ShouldBe("2025-12-31");
        detail.QuerySelector("[data-testid=subscription-detail-id] code")!.TextContent.ShouldBe(SubscriptionId);
        detail.QuerySelector("[data-testid=short-id-copy]").ShouldNotBeNull();

        page.Find("[data-testid=subscription-open]").Click();
        page.FindAll("[data-testid=subscription-detail]").ShouldBeEmpty();
    }

    [Fact]
    public void Says_no_subscriptions_yet_and_where_to_connect_Pax8_before_the_first_sync()
    {
        ServeList();

        var page = RenderLoaded();

        var empty = page.Find("[data-testid=subscriptions-empty]");
        empty.QuerySelector("p")!.TextContent.ShouldBe("No subscriptions yet");
        CellText(page.Find("[data-testid=subscriptions-never-synced]"))
            .ShouldBe("Subscriptions arrive with the Pax8 sync: connect Pax8 in Settings → Integrations, then use Sync from Pax8.");
        page.Find("[data-testid=subscriptions-integrations-link]").GetAttribute("href").ShouldBe("settings/integrations");
        page.Find("[data-testid=subscriptions-sync-start]").TextContent.Trim().ShouldBe("Sync from Pax8");
        page.FindAll("[data-testid=subscriptions-clear-filters]").ShouldBeEmpty();
    }

    [Fact]
    public void Says_nothing_matches_a_search_and_offers_to_clear_it()
    {
        Navigation.NavigateTo("subscriptions?search=nothing&status=trial");
        ServeList();

        var page = RenderLoaded();

        page.Find("[data-testid=subscriptions-empty] p").TextContent.ShouldBe("No subscriptions match");
        page.FindAll("[data-testid=subscriptions-never-synced]").ShouldBeEmpty();
        page.Find("[data-testid=subscriptions-clear-filters]").Click();
        Navigation.Uri.ShouldBe("http://localhost/subscriptions");
    }

    [Fact]
    public void Sync_from_Pax8_follows_the_sync_already_running_then_shows_what_it_brought()
    {
        ServeList();
        Gateway.On(HttpMethod.Post, $"{Pax8Path}/sync", _ => SyncAlreadyRunning(RunId));
        Gateway.On(HttpMethod.Get, SyncRunPath(Pax8Integrations, RunId), _ => Json(
            SyncRun(RunId, status: "running", stage: "Subscriptions", itemsDone: 40, itemsTotal: 80)));
        var page = RenderLoaded();

        page.Find("[data-testid=subscriptions-sync-start]").Click();

        page.WaitForAssertion(() => page.Find("[data-testid=sync-run-items]").TextContent.ShouldBe("40 of 80"));
        page.FindAll("[data-testid=subscriptions-sync-error]").ShouldBeEmpty();
        Gateway.On(HttpMethod.Get, SyncRunPath(Pax8Integrations, RunId), _ => Json(SyncRun(RunId, added: 1)));
        ServeList(Subscription());
        Time.AdvanceAfterTimer(1, SyncRunner.PollInterval);

        page.WaitForAssertion(() => page.FindAll("[data-testid=subscription-row]").Count.ShouldBe(1));
        page.Find("[data-testid=sync-run-counts]").TextContent.ShouldBe("1 added · 0 changed · 0 removed");
    }

    [Fact]
    public void A_read_only_user_sees_the_subscriptions_but_cannot_sync()
    {
        SignInAs(TestUser.ReadOnly);
        ServeList(Subscription());

        var page = RenderLoaded();

        page.FindAll("[data-testid=subscriptions-sync-start]").ShouldBeEmpty();
        page.FindAll("[data-testid=subscription-row]").Count.ShouldBe(1);
    }

    [Fact]
    public void Shows_the_problem_when_the_service_fails()
    {
        Gateway.On(HttpMethod.Get, SubscriptionsPath, _ => Problem(HttpStatusCode.ServiceUnavailable, "Subscription service unavailable"));

        var page = Render<Subscriptions>();

        page.WaitForElement("[data-testid=subscriptions-error]").TextContent
            .ShouldContain("Could not load subscriptions: Subscription service unavailable");
    }
}

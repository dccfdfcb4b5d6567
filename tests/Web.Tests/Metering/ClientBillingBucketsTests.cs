using System.Net;
using AngleSharp.Dom;
using BillingOne.Web.Components.Metering;
using BillingOne.Web.Components.Pages;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using static BillingOne.Web.Tests.TestDoubles.BillingResponses;
using static BillingOne.Web.Tests.TestDoubles.ClientBillingResponses;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;
using static BillingOne.Web.Tests.TestDoubles.MeteringResponses;

namespace BillingOne.Web.Tests.Metering;

/// <summary>A client's "Billing Buckets" on its detail page: metering's buckets joined with their projections.</summary>
[Trait("Category", "Unit")]
public sealed class ClientBillingBucketsTests : WebUiContext
{
    private const string ProjectionsPath = "/api/projection/usage-projections";
    private static readonly Guid BackupId = Guid.Parse("5b000000-0000-4000-8000-000000000001");
    private static readonly Guid MailboxId = Guid.Parse("5b000000-0000-4000-8000-000000000002");
    private static readonly Guid TicketsId = Guid.Parse("5b000000-0000-4000-8000-000000000003");

    public ClientBillingBucketsTests()
    {
        ServeBuckets(
            Bucket("Backup GB", id: BackupId, commitUnits: 500m, basePrice: 250m, overagePrice: 0.0125m, usage: 437.5m),
            Bucket("Mailboxes", id: MailboxId, unitTypeKey: "mailbox", commitUnits: 40m, basePrice: 120m, overagePrice: 4m,
                usage: 44m, unitTypePrecision: 0),
            Bucket("Tickets", id: TicketsId, unitTypeKey: "ticket", commitUnits: 0m, basePrice: 0m, overagePrice: 1.5m,
                usage: 3m, unitTypePrecision: 0, enabled: false));
        ServeProjections(
            // Both are maxes, levels: projected at the usage so far. 120 + (44 − 40) × 4 = 136.00, 110.0 %.
            Projection(MailboxId, "Mailboxes", commitUnits: 40m, usage: 44m, projectedCost: 136.00m, percent: 110.0m,
                status: "over-commit"),
            Projection(BackupId, "Backup GB", commitUnits: 500m, usage: 437.5m, projectedCost: 250.00m, percent: 87.5m,
                status: "on-track"));
    }

    private RecordedRequest LastBucketsRequest => Gateway.RequestsTo(HttpMethod.Get, BucketsPath)[^1];

    private RecordedRequest LastProjectionsRequest => Gateway.RequestsTo(HttpMethod.Get, ProjectionsPath)[^1];

    private void ServeBuckets(params object[] buckets) =>
        Gateway.On(HttpMethod.Get, BucketsPath, request => Paged(request, buckets));

    /// <summary>Answers the projections of the status asked for, as the projection service filters them.</summary>
    private void ServeProjections(params (string Status, object Body)[] projections) =>
        Gateway.On(HttpMethod.Get, ProjectionsPath, request => Paged(request, projections
            .Where(projection => !request.Query.TryGetValue("status", out var status) || projection.Status == status)
            .Select(projection => projection.Body)
            .ToList()));

    private static (string Status, object Body) Projection(Guid bucketId, string bucketName, decimal commitUnits,
        decimal usage, decimal projectedCost, decimal percent, string status) => (status, new
        {
            clientId = ContosoId, clientName = "Contoso", bucketId, bucketName, unitTypeKey = "backup-gb", aggregation = "max",
            currency = "AUD", commitUnits, currentUsage = usage, projectedUsage = usage, projectedCost,
            percentOfCommit = percent, status, method = "level", year = 2026, month = 12,
            calculatedAt = new DateTimeOffset(2026, 12, 5, 6, 0, 0, TimeSpan.Zero), enabled = true, basePrice = 250m,
            overagePrice = 0.0125m,
        });

    private IRenderedComponent<ClientBillingBuckets> RenderLoaded()
    {
        var section = Render<ClientBillingBuckets>(parameters => parameters.Add(buckets => buckets.ClientId, ContosoId));
        section.WaitForElement("[data-testid=client-buckets-table]");
        return section;
    }

    private static string Words(IElement element) =>
        string.Join(' ', element.TextContent.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries));

    private static List<List<string>> Rows(IRenderedComponent<ClientBillingBuckets> section) =>
        section.FindAll("[data-testid=client-bucket-row]").Select(row => row.QuerySelectorAll("td").Select(Words).ToList()).ToList();

    [Fact]
    public void Lists_each_bucket_with_its_usage_projected_cost_status_and_terms()
    {
        var section = RenderLoaded();

        section.Find("h2").TextContent.ShouldBe("Billing Buckets");
        section.FindAll("[data-testid=client-buckets-table] thead th").Select(header => header.TextContent)
            .ShouldBe(["Name", "Current Usage", "Projected Cost", "Projected", "Enabled", "Actions"]);
        Rows(section).ShouldBe([
            ["Backup GB backup-gb · commit: 500.00 · commit price: AUD 250.00 per period · overage: AUD 0.0125 per unit", "437.50", "AUD 250.00", "On track", "Enabled", "Billing History"],
            ["Mailboxes mailbox · commit: 40 · commit price: AUD 120.00 per period · overage: AUD 4.00 per unit", "44", "AUD 136.00", "Over commit", "Enabled", "Billing History"],
            ["Tickets ticket · commit: 0 · commit price: AUD 0.00 per period · overage: AUD 1.50 per unit", "3", "—", "—", "Disabled", "Billing History"],
        ]);
        section.FindAll("[data-testid=client-bucket-status] .badge").Select(badge => badge.ClassList.Last())
            .ShouldBe(["badge-on-track", "badge-over"]);
        LastBucketsRequest.Query.ShouldBe(new Dictionary<string, string>
        {
            ["clientId"] = ContosoId.ToString(), ["sort"] = "name", ["direction"] = "asc", ["page"] = "1", ["pageSize"] = "200",
        });
        LastProjectionsRequest.Query["clientId"].ShouldBe(ContosoId.ToString());
        LastProjectionsRequest.Query["pageSize"].ShouldBe("200");
        section.FindAll("[data-testid=client-buckets-more]").ShouldBeEmpty();
    }

    [Fact]
    public void The_status_filter_asks_for_projections_of_that_status_and_the_enabled_filter_for_such_buckets()
    {
        var section = RenderLoaded();

        section.Find("[data-testid=client-buckets-status-filter]").Change("over-commit");

        section.WaitForAssertion(() => LastProjectionsRequest.Query["status"].ShouldBe("over-commit"));
        section.WaitForAssertion(() => section.FindAll("[data-testid=client-bucket-name]").Select(name => name.FirstChild!.TextContent.Trim())
            .ShouldBe(["Mailboxes"]));

        section.Find("[data-testid=client-buckets-status-filter]").Change("");
        section.Find("[data-testid=client-buckets-enabled-filter]").Change("false");

        section.WaitForAssertion(() => LastBucketsRequest.Query["enabled"].ShouldBe("false"));
        LastProjectionsRequest.Query.ShouldNotContainKey("status");
    }

    [Fact]
    public void A_filter_matching_no_bucket_says_so()
    {
        var section = RenderLoaded();
        ServeProjections();

        section.Find("[data-testid=client-buckets-status-filter]").Change("over-commit");

        section.WaitForAssertion(() => section.Find("[data-testid=client-buckets-empty]").TextContent.Trim()
            .ShouldBe("No billing buckets match these filters"));
    }

    [Fact]
    public void Billing_history_opens_under_its_bucket_with_the_overage_and_buffer_chart()
    {
        Gateway.On(HttpMethod.Get, BillingHistoryPath(MailboxId), _ => Json(new
        {
            bucketId = MailboxId, currency = "AUD",
            periods = new[] { HistoryPeriod("2026-10", overage: 0m, buffer: 12m), HistoryPeriod("2026-11", overage: 16m, buffer: 0m) },
        }));
        var section = RenderLoaded();

        section.FindAll("[data-testid=client-bucket-history-toggle]")[1].Click();

        section.WaitForElements("[data-testid=bucket-billing-chart-bar]").Count.ShouldBe(4);
        section.Find("[data-testid=client-bucket-history] h3").TextContent.ShouldBe("Billing History of “Mailboxes”");
        section.FindAll("[data-testid=client-bucket-history-toggle]")[1].GetAttribute("aria-expanded").ShouldBe("true");

        section.FindAll("[data-testid=client-bucket-history-toggle]")[1].Click();
        section.FindAll("[data-testid=client-bucket-history]").ShouldBeEmpty();
    }

    [Fact]
    public void A_client_without_buckets_says_no_billing_buckets()
    {
        ServeBuckets();
        ServeProjections();

        var section = RenderLoaded();

        section.Find("[data-testid=client-buckets-empty]").TextContent.Trim().ShouldBe("No billing buckets");
    }

    [Fact]
    public void More_buckets_than_one_page_link_to_the_buckets_list_of_the_client()
    {
        Gateway.On(HttpMethod.Get, BucketsPath, request => Paged(request, [Bucket("Backup GB", id: BackupId)], totalCount: 201));

        var section = RenderLoaded();

        Words(section.Find("[data-testid=client-buckets-more]")).ShouldBe("Showing the first 1 of 201 buckets. View them all");
        section.Find("[data-testid=client-buckets-more] a").GetAttribute("href").ShouldBe($"metering/buckets?clientId={ContosoId}");
    }

    [Fact]
    public void Failing_projections_leave_the_buckets_listed_without_a_projected_cost()
    {
        Gateway.On(HttpMethod.Get, ProjectionsPath, _ => Problem(HttpStatusCode.ServiceUnavailable, "Projection service unavailable"));

        var section = RenderLoaded();

        section.Find("[data-testid=client-buckets-projections-error]").TextContent
            .ShouldContain("Could not load the projections: Projection service unavailable");
        section.FindAll("[data-testid=client-bucket-projected-cost]").Select(cell => cell.TextContent.Trim()).ShouldBe(["—", "—", "—"]);
    }

    [Fact]
    public void Failing_buckets_show_the_problem_instead_of_the_table()
    {
        Gateway.On(HttpMethod.Get, BucketsPath, _ => Problem(HttpStatusCode.ServiceUnavailable, "Metering service unavailable"));

        var section = Render<ClientBillingBuckets>(parameters => parameters.Add(buckets => buckets.ClientId, ContosoId));

        section.WaitForElement("[data-testid=client-buckets-error]").TextContent
            .ShouldContain("Could not load the billing buckets: Metering service unavailable");
        section.FindAll("[data-testid=client-buckets-table]").ShouldBeEmpty();
    }

    [Fact]
    public void The_client_detail_page_shows_the_clients_billing_buckets()
    {
        Gateway.On(HttpMethod.Get, ClientScopePath, _ => ClientScope());
        Gateway.On(HttpMethod.Get, ClientDetailPath(ContosoId), _ => ClientDetail(
            ContosoId, "Contoso", mrr: 0m, subscriptions: 0, devices: 0, licenses: 0, deviceLicenses: 0, userLicenses: 0,
            status: "no-data", totalSpend: null, billingContact: null, missedBillingOpen: null, invoices: 0, snapshotTakenAt: null));

        var page = Render<ClientDetailPage>(parameters => parameters.Add(detail => detail.ClientId, ContosoId));

        page.WaitForElements("[data-testid=client-bucket-row]").Count.ShouldBe(3);
        LastBucketsRequest.Query["clientId"].ShouldBe(ContosoId.ToString());
    }
}

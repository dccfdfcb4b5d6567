using System.Globalization;
using System.Net;
using BillingOne.Web.Components.Pages.Metering;
using BillingOne.Web.Components.Shared;
using BillingOne.Web.Tests.TestDoubles;
using Bunit;
using static BillingOne.Web.Tests.TestDoubles.BillingResponses;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;
using static BillingOne.Web.Tests.TestDoubles.MeteringResponses;

namespace BillingOne.Web.Tests.Metering;

/// <summary>A bucket's "Billing History" on the Buckets page: overage and buffer per billed period.</summary>
[Trait("Category", "Unit")]
public sealed class BucketBillingHistoryTests : ListPageContext<Buckets>
{
    private static readonly Guid BucketId = Guid.Parse("9c000000-0000-4000-8000-000000000001");

    public BucketBillingHistoryTests()
        : base(BucketsPath, "buckets")
    {
        Gateway.ListClientChoices();
        Gateway.On(HttpMethod.Get, UnitTypesPath, request => Paged(request, []));
        ServeList(Bucket("Contoso backup", id: BucketId));
    }

    private void ServeHistory(params object[] periods) =>
        Gateway.On(HttpMethod.Get, BillingHistoryPath(BucketId), _ => Json(new { bucketId = BucketId, currency = "AUD", periods }));

    [Fact]
    public void Charts_overage_and_buffer_per_period_beside_a_table_of_the_figures()
    {
        ServeHistory(
            HistoryPeriod("2024-12", overage: 0m, buffer: 10m),
            HistoryPeriod("2025-01", overage: 20m, buffer: 5m, adjustmentCost: -2.5m),
            HistoryPeriod("2025-02", overage: 40m, buffer: 0m, status: "draft"));
        var page = RenderLoaded();

        page.Find("[data-testid=bucket-history-toggle]").Click();

        var bars = page.WaitForElements("[data-testid=bucket-billing-chart-bar]");
        bars.Select(bar => $"{bar.GetAttribute("data-category")} {bar.GetAttribute("data-series")}").ShouldBe(
        [
            "2024-12 Overage", "2024-12 Buffer", "2025-01 Overage", "2025-01 Buffer", "2025-02 Overage", "2025-02 Buffer",
        ]);
        bars.Select(bar => double.Parse(bar.GetAttribute("height")!, CultureInfo.InvariantCulture)).ShouldBe(
        [
            0, BarChartGeometry.PlotHeight / 4, BarChartGeometry.PlotHeight / 2, BarChartGeometry.PlotHeight / 8,
            BarChartGeometry.PlotHeight, 0,
        ]);
        page.FindAll("[data-testid=bucket-billing-chart] .chart-legend li").Select(item => item.TextContent).ShouldBe(["Overage", "Buffer"]);
        page.Find("[data-testid=bucket-billing-chart-peak]").TextContent.ShouldBe("AUD 40.00");
        page.Find("h3").TextContent.ShouldBe("Billing History of “Contoso backup”");
        var rows = page.FindAll("[data-testid=bucket-billing-period]");
        rows.Select(row => row.QuerySelectorAll("td").Select(CellText).ToList()).ShouldBe(
        [
            ["2024-12", "480.00", "500.00", "AUD 250.00", "AUD 0.00 0.00 units", "AUD 10.00 20.00 units", "—", "Final"],
            ["2025-01", "480.00", "500.00", "AUD 270.00", "AUD 20.00 1,600.00 units", "AUD 5.00 10.00 units", "AUD -2.50", "Final"],
            ["2025-02", "480.00", "500.00", "AUD 290.00", "AUD 40.00 3,200.00 units", "AUD 0.00 0.00 units", "—", "Draft"],
        ]);
        Gateway.RequestsTo(HttpMethod.Get, BillingHistoryPath(BucketId)).ShouldHaveSingleItem().Query["months"].ShouldBe("12");
    }

    [Fact]
    public void Says_no_billing_history_for_a_bucket_never_billed()
    {
        ServeHistory();
        var page = RenderLoaded();

        page.Find("[data-testid=bucket-history-toggle]").Click();

        page.WaitForElement("[data-testid=bucket-billing-history-empty]").TextContent.ShouldBe("No billing history");
        page.FindAll("[data-testid=bucket-billing-history] svg").ShouldBeEmpty();
    }

    [Fact]
    public void Shows_the_problem_when_the_history_cannot_be_loaded_and_closes_again()
    {
        Gateway.On(HttpMethod.Get, BillingHistoryPath(BucketId), _ => Problem(HttpStatusCode.NotFound, "Bucket not found."));
        var page = RenderLoaded();
        var toggle = page.Find("[data-testid=bucket-history-toggle]");
        toggle.TextContent.Trim().ShouldBe("Billing History");

        toggle.Click();

        page.WaitForElement("[data-testid=bucket-billing-history-error]").TextContent
            .ShouldContain("Could not load the billing history: Bucket not found.");
        page.Find("[data-testid=bucket-history-toggle]").GetAttribute("aria-expanded").ShouldBe("true");
        page.Find("[data-testid=bucket-history-toggle]").Click();
        page.FindAll("[data-testid=bucket-history]").ShouldBeEmpty();
    }
}

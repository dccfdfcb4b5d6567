using System.Net;
using BillingOne.Web.Tests.TestDoubles;

namespace BillingOne.Web.Tests;

/// <summary>The Reports page's CSV downloads, served by the whole web app in process.</summary>
[Trait("Category", "Integration")]
public sealed class ReportExportTests : IDisposable
{
    private const string Reports = "/api/projection/reports";
    private readonly WebAppHost app = new();

    public void Dispose() => app.Dispose();

    private void ServeCsv(string path, string csv) => app.Gateway.On(HttpMethod.Get, path, _ => GatewayResponses.Csv(csv));

    [Fact]
    public async Task Passes_a_client_table_export_on_with_its_period_and_order()
    {
        ServeCsv($"{Reports}/payments/export", "Period,Client\r\n2026-Q3,Contoso\r\n");
        using var browser = await app.SignedInBrowserAsync();

        using var response = await browser.GetAsync("/reports/payments/export.csv?period=2026-Q3&sort=paid&direction=asc");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        (await response.Content.ReadAsStringAsync()).ShouldContain("2026-Q3,Contoso");
        var request = app.Gateway.RequestsTo(HttpMethod.Get, $"{Reports}/payments/export").ShouldHaveSingleItem();
        request.Query.ShouldBe(new Dictionary<string, string> { ["period"] = "2026-Q3", ["sort"] = "paid", ["direction"] = "asc" });
        request.Authorization.ShouldBe("Bearer " + WebAppHost.SessionToken);
    }

    [Fact]
    public async Task Passes_the_summary_export_on_with_a_custom_range_and_refuses_an_unknown_report()
    {
        ServeCsv($"{Reports}/financial-summary/export", "Period,Month\r\n2026-01-01..2026-02-28,2026-01\r\n");
        using var browser = await app.SignedInBrowserAsync();

        using var summary = await browser.GetAsync("/reports/financial-summary/export.csv?from=2026-01-01&to=2026-02-28");
        using var unknown = await browser.GetAsync("/reports/everything/export.csv?period=2026");

        (await summary.Content.ReadAsStringAsync()).ShouldContain("2026-01-01..2026-02-28,2026-01");
        app.Gateway.RequestsTo(HttpMethod.Get, $"{Reports}/financial-summary/export").ShouldHaveSingleItem().Query
            .ShouldBe(new Dictionary<string, string> { ["from"] = "2026-01-01", ["to"] = "2026-02-28" });
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Passes_a_subscription_table_export_on_with_its_period_and_table()
    {
        ServeCsv($"{Reports}/subscriptions/export", "Period,Product ID\r\n2026-Q1,p1\r\n");
        using var browser = await app.SignedInBrowserAsync();

        using var response = await browser.GetAsync("/reports/subscriptions/export.csv?period=2026-Q1&table=products");

        (await response.Content.ReadAsStringAsync()).ShouldContain("2026-Q1,p1");
        app.Gateway.RequestsTo(HttpMethod.Get, $"{Reports}/subscriptions/export").ShouldHaveSingleItem().Query
            .ShouldBe(new Dictionary<string, string> { ["period"] = "2026-Q1", ["table"] = "products" });
    }
}

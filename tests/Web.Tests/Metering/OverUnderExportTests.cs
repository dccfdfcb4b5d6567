using System.Net;
using BillingOne.Web.Tests.TestDoubles;
using static BillingOne.Web.Tests.TestDoubles.UsageAnalyticsResponses;

namespace BillingOne.Web.Tests.Metering;

/// <summary>The Over/Under page's three CSV downloads, served by the whole web app in process.</summary>
[Trait("Category", "Integration")]
public sealed class OverUnderExportTests : IDisposable
{
    private readonly WebAppHost app = new();

    public void Dispose() => app.Dispose();

    private void ServeCsv(string path, string csv) => app.Gateway.On(HttpMethod.Get, path, _ => GatewayResponses.Csv(csv));

    [Fact]
    public async Task Passes_the_clients_export_on_with_the_lists_period_filter_search_and_order()
    {
        ServeCsv($"{OverUnderClientsPath}/export", "Client,Status,Final Cost\r\nContoso,mixed,1200.00\r\n");
        using var browser = await app.SignedInBrowserAsync();

        using var response = await browser.GetAsync(
            "/metering/over-under/clients.csv?period=2026-11&status=mixed&search=con&sort=buffer&direction=desc&page=3");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        (await response.Content.ReadAsStringAsync()).ShouldContain("Contoso,mixed,1200.00");
        var request = app.Gateway.RequestsTo(HttpMethod.Get, $"{OverUnderClientsPath}/export").ShouldHaveSingleItem();
        request.Query.ShouldBe(new Dictionary<string, string>
        {
            ["period"] = "2026-11", ["status"] = "mixed", ["search"] = "con", ["sort"] = "buffer", ["direction"] = "desc",
        });
        request.Authorization.ShouldBe("Bearer " + WebAppHost.SessionToken);
    }

    [Fact]
    public async Task Passes_the_right_size_and_unit_type_exports_on_with_their_period_and_unit_type()
    {
        ServeCsv($"{RightSizePath}/export", "Client,Buffer\r\nFabrikam,40.00\r\n");
        ServeCsv($"{OverUnderUnitTypesPath}/export", "Unit Type,Delta Units\r\nmailbox,-12\r\n");
        using var browser = await app.SignedInBrowserAsync();

        using var candidates = await browser.GetAsync("/metering/over-under/right-size.csv?period=2026-11&unitType=mailbox");
        using var unitTypes = await browser.GetAsync("/metering/over-under/unit-types.csv?period=2026-11");

        (await candidates.Content.ReadAsStringAsync()).ShouldContain("Fabrikam,40.00");
        (await unitTypes.Content.ReadAsStringAsync()).ShouldContain("mailbox,-12");
        app.Gateway.RequestsTo(HttpMethod.Get, $"{RightSizePath}/export").ShouldHaveSingleItem().Query
            .ShouldBe(new Dictionary<string, string> { ["period"] = "2026-11", ["unitType"] = "mailbox" });
        app.Gateway.RequestsTo(HttpMethod.Get, $"{OverUnderUnitTypesPath}/export").ShouldHaveSingleItem().Query
            .ShouldBe(new Dictionary<string, string> { ["period"] = "2026-11" });
    }

    [Fact]
    public async Task A_refused_export_keeps_the_services_status_and_title()
    {
        app.Gateway.On(HttpMethod.Get, $"{OverUnderUnitTypesPath}/export", _ => GatewayResponses.Problem(
            HttpStatusCode.BadRequest, "One or more validation errors occurred.",
            errors: new Dictionary<string, string[]> { ["period"] = ["The period must be YYYY-MM."] }));
        using var browser = await app.SignedInBrowserAsync();

        using var response = await browser.GetAsync("/metering/over-under/unit-types.csv?period=2026-13");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("One or more validation errors occurred.");
    }
}

using System.Net;
using BillingOne.Web.Tests.TestDoubles;
using static BillingOne.Web.Tests.TestDoubles.MeteringResponses;

namespace BillingOne.Web.Tests.Metering;

/// <summary>The Ingest Exceptions page's CSV download, served by the whole web app in process.</summary>
[Trait("Category", "Integration")]
public sealed class IngestExceptionExportTests : IDisposable
{
    private const string ExportPath = "/api/metering/ingest-exceptions/export";

    private readonly WebAppHost app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Passes_the_export_on_with_the_lists_search_and_client()
    {
        app.Gateway.On(HttpMethod.Get, ExportPath,
            _ => GatewayResponses.Csv("Reading ID,Client,Differences\r\nr-7,Contoso,quantity\r\n"));
        using var browser = await app.SignedInBrowserAsync();

        using var response = await browser.GetAsync(
            $"/metering/ingest-exceptions/export.csv?search=vm-contoso&clientId={ContosoId}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        (await response.Content.ReadAsStringAsync()).ShouldContain("r-7,Contoso,quantity");
        var request = app.Gateway.RequestsTo(HttpMethod.Get, ExportPath).ShouldHaveSingleItem();
        request.Query.ShouldBe(new Dictionary<string, string>
        {
            ["search"] = "vm-contoso", ["clientId"] = ContosoId.ToString(),
        });
        request.Authorization.ShouldBe("Bearer " + WebAppHost.SessionToken);
    }

    [Fact]
    public async Task Exports_every_exception_without_a_search_or_client()
    {
        app.Gateway.On(HttpMethod.Get, ExportPath, _ => GatewayResponses.Csv("Reading ID\r\n"));
        using var browser = await app.SignedInBrowserAsync();

        using var response = await browser.GetAsync("/metering/ingest-exceptions/export.csv");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        app.Gateway.RequestsTo(HttpMethod.Get, ExportPath).ShouldHaveSingleItem().Query.ShouldBeEmpty();
    }
}

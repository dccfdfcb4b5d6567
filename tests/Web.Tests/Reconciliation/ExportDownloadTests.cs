using System.Net;
using BillingOne.Web.Tests.TestDoubles;
using static BillingOne.Web.Tests.Reconciliation.ReconciliationResponses;

namespace BillingOne.Web.Tests.Reconciliation;

/// <summary>The Reconciliation and Missed billing exports, served by the whole web app in process.</summary>
[Trait("Category", "Integration")]
public sealed class ExportDownloadTests : IDisposable
{
    private readonly WebAppHost app = new();

    public void Dispose() => app.Dispose();

    private void ServeCsv(string path, string csv) => app.Gateway.On(HttpMethod.Get, path, _ => GatewayResponses.Csv(csv));

    [Fact]
    public async Task Passes_the_reconciliation_export_on_with_exactly_the_lists_filters()
    {
        ServeCsv($"{ClientsPath}/export", "Client,Devices,Licenses,Variance,Status\r\nContoso,15,12,3,under-licensed\r\n");
        using var browser = await app.SignedInBrowserAsync();

        using var response = await browser.GetAsync(
            "/reconciliation/export.csv?search=con&status=under-licensed&sort=client&direction=asc");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        (await response.Content.ReadAsStringAsync()).ShouldContain("Contoso,15,12,3,under-licensed");
        var request = app.Gateway.RequestsTo(HttpMethod.Get, $"{ClientsPath}/export").ShouldHaveSingleItem();
        request.Query.ShouldBe(new Dictionary<string, string>
        {
            ["search"] = "con", ["status"] = "under-licensed", ["sort"] = "client", ["direction"] = "asc",
        });
        request.Authorization.ShouldBe("Bearer " + WebAppHost.SessionToken);
    }

    [Fact]
    public async Task Passes_the_missed_billing_export_on_with_its_filters_and_drops_values_the_list_does_not_know()
    {
        ServeCsv($"{MissedBillingPath}/export", "Client,Kind,Amount\r\nContoso,under-licensed,37.50\r\n");
        using var browser = await app.SignedInBrowserAsync();
        var clientId = Guid.Parse("6f1d2c1e-6a3b-4a55-9a1e-3f0c6f1a0001");

        using var response = await browser.GetAsync(
            $"/missed-billing/export.csv?kind=under-licensed&state=sideways&clientId={clientId}&sort=client&direction=asc");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Contoso,under-licensed,37.50");
        var request = app.Gateway.RequestsTo(HttpMethod.Get, $"{MissedBillingPath}/export").ShouldHaveSingleItem();
        request.Query.ShouldBe(new Dictionary<string, string>
        {
            ["kind"] = "under-licensed", ["clientId"] = clientId.ToString(), ["sort"] = "client", ["direction"] = "asc",
        });
    }
}

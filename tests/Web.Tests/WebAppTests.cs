using System.Net;
using System.Text;
using BillingOne.Web.Tests.TestDoubles;
using static BillingOne.Web.Tests.TestDoubles.GatewayResponses;

namespace BillingOne.Web.Tests;

/// <summary>The whole web app in process, signed in, its gateway answered by <see cref="StubGatewayHandler"/>.</summary>
[Trait("Category", "Integration")]
public sealed class WebAppTests : IDisposable
{
    private readonly WebAppHost app = new();

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task Serves_the_app_shell_with_relative_urls_only()
    {
        using var browser = await app.SignedInBrowserAsync();

        var html = await browser.GetStringAsync("/clients");

        html.ShouldContain("<base href=\"/\"");
        html.ShouldContain("_framework/blazor.web.js");
        html.ShouldNotContain("http://", customMessage: "a host written into the page would bypass the gateway");
    }

    [Fact]
    public async Task Serves_an_accent_colours_stylesheet_for_good_and_refuses_anything_but_six_hex_digits()
    {
        using var browser = await app.SignedInBrowserAsync();

        using var accent = await browser.GetAsync("/branding/accent.css?color=0F766E");
        using var injected = await browser.GetAsync("/branding/accent.css?color=" + Uri.EscapeDataString("000;}body{x:y"));
        using var missing = await browser.GetAsync("/branding/accent.css");

        accent.StatusCode.ShouldBe(HttpStatusCode.OK);
        accent.Content.Headers.ContentType!.MediaType.ShouldBe("text/css");
        accent.Headers.CacheControl!.ToString().ShouldBe("public, max-age=31536000, immutable");
        (await accent.Content.ReadAsStringAsync()).ShouldBe(
            ".accent-0f766e { --color-accent: #0f766e; --color-accent-dark: color-mix(in srgb, #0f766e 80%, black); }\n");
        injected.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await injected.Content.ReadAsStringAsync()).ShouldNotContain("body{");
        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Exports_the_filtered_clients_as_a_csv_download_through_the_gateway()
    {
        app.Gateway.OnGetClients(_ => ClientPage(
            [Client("Contoso", mrr: 120m, currency: "AUD", subscriptions: 3, devices: 10, licenses: 10, status: "matched")]));
        using var browser = await app.SignedInBrowserAsync();

        using var response = await browser.GetAsync("/clients/export.csv?status=matched&search=Con");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("clients-" + DateTime.UtcNow.ToString("yyyy-MM-dd") + ".csv");
        var csv = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        csv.ShouldBe("Client,MRR,Currency,Subscriptions,Devices,Licenses,Status,Variance,Total spend,Total spend currency,Billing contact\r\n" +
            "Contoso,120.00,AUD,3,10,10,Matched,0,,,\r\n");
        var request = app.Gateway.RequestsTo(HttpMethod.Get, "/api/projection/clients").ShouldHaveSingleItem();
        request.Uri.Host.ShouldBe("127.0.0.1", "the logical name is resolved by service discovery");
        request.Query["status"].ShouldBe("matched");
        request.Query["search"].ShouldBe("Con");
        request.Authorization.ShouldBe("Bearer " + WebAppHost.SessionToken, "the session token from the auth cookie");
    }

    [Fact]
    public async Task Export_answers_the_api_refusal_as_problem_json()
    {
        app.Gateway.OnGetClients(_ => Problem(HttpStatusCode.BadRequest, "Unknown sort column"));
        using var browser = await app.SignedInBrowserAsync();

        using var response = await browser.GetAsync("/clients/export.csv");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadAsStringAsync()).ShouldContain("Unknown sort column");
    }

    [Fact]
    public async Task Passes_a_domains_and_hosting_tab_export_on_with_its_filters()
    {
        app.Gateway.On(HttpMethod.Get, "/api/reconciliation/ssl-certificates/export", _ =>
        {
            var answer = new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent("Certificate ID,Common Name\r\n700001,www.contoso.com.au\r\n", Encoding.UTF8),
            };
            answer.Content.Headers.ContentType = new("text/csv");
            return answer;
        });
        using var browser = await app.SignedInBrowserAsync();

        using var response = await browser.GetAsync("/domains-hosting/export.csv?tab=ssl&search=contoso&expiring=true");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        (await response.Content.ReadAsStringAsync()).ShouldContain("www.contoso.com.au");
        var request = app.Gateway.RequestsTo(HttpMethod.Get, "/api/reconciliation/ssl-certificates/export").ShouldHaveSingleItem();
        request.Query["search"].ShouldBe("contoso");
        request.Query["expiringWithinDays"].ShouldBe("30");
    }

    [Fact]
    public async Task Passes_the_billing_readings_export_on_as_the_gateway_sent_it()
    {
        var zip = new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00 };
        app.Gateway.On(HttpMethod.Get, "/api/metering/billing-readings/export", _ =>
        {
            var answer = new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(zip) };
            answer.Content.Headers.ContentType = new("application/zip");
            answer.Content.Headers.ContentDisposition = new("attachment") { FileName = "billing-readings-2025-01.zip" };
            return answer;
        });
        using var browser = await app.SignedInBrowserAsync();

        using var response = await browser.GetAsync("/metering/billing-readings/export?period=2025-01");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/zip");
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("billing-readings-2025-01.zip");
        (await response.Content.ReadAsByteArrayAsync()).ShouldBe(zip);
        var request = app.Gateway.RequestsTo(HttpMethod.Get, "/api/metering/billing-readings/export").ShouldHaveSingleItem();
        request.Query["period"].ShouldBe("2025-01");
        request.Authorization.ShouldBe("Bearer " + WebAppHost.SessionToken, "the session token from the auth cookie");
    }

    [Fact]
    public async Task Billing_readings_export_of_the_most_recently_loaded_period_answers_the_services_404_as_problem_json()
    {
        app.Gateway.On(HttpMethod.Get, "/api/metering/billing-readings/export",
            _ => Problem(HttpStatusCode.NotFound, "There are no billing readings to export."));
        using var browser = await app.SignedInBrowserAsync();

        using var response = await browser.GetAsync("/metering/billing-readings/export");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadAsStringAsync()).ShouldContain("There are no billing readings to export.");
        app.Gateway.RequestsTo(HttpMethod.Get, "/api/metering/billing-readings/export").ShouldHaveSingleItem().Query
            .ShouldNotContainKey("period");
    }

    [Fact]
    public async Task Passes_the_subscriptions_csv_of_the_filtered_list_on_as_the_gateway_sent_it()
    {
        var clientId = Guid.Parse("6f1d2c1e-6a3b-4a55-9a1e-3f0c6f1a0001");
        app.Gateway.On(HttpMethod.Get, "/api/subscription/subscriptions/export", _ =>
        {
            var answer = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("Client,Product\r\nContoso,M365\r\n") };
            answer.Content.Headers.ContentType = new("text/csv");
            return answer;
        });
        using var browser = await app.SignedInBrowserAsync();

        using var response = await browser.GetAsync($"/subscriptions/export.csv?search=M365&status=bogus&clientId={clientId}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("subscriptions.csv");
        (await response.Content.ReadAsStringAsync()).ShouldBe("Client,Product\r\nContoso,M365\r\n");
        var query = app.Gateway.RequestsTo(HttpMethod.Get, "/api/subscription/subscriptions/export").ShouldHaveSingleItem().Query;
        query["search"].ShouldBe("M365");
        query["clientId"].ShouldBe(clientId.ToString());
        query.ShouldNotContainKey("status", "a status the UI does not know is left out");
    }

    [Fact]
    public async Task Passes_the_invoices_csv_of_the_filtered_list_on_as_the_gateway_sent_it()
    {
        var clientId = Guid.Parse("6f1d2c1e-6a3b-4a55-9a1e-3f0c6f1a0001");
        app.Gateway.On(HttpMethod.Get, "/api/invoice/invoices/export", _ =>
        {
            var answer = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("Number,Client\r\nINV-0042,Contoso\r\n") };
            answer.Content.Headers.ContentType = new("text/csv");
            return answer;
        });
        using var browser = await app.SignedInBrowserAsync();

        using var response = await browser.GetAsync(
            $"/invoices/export.csv?search=INV&status=overdue&source=myob&unmapped=true&clientId={clientId}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("invoices.csv");
        (await response.Content.ReadAsStringAsync()).ShouldBe("Number,Client\r\nINV-0042,Contoso\r\n");
        var query = app.Gateway.RequestsTo(HttpMethod.Get, "/api/invoice/invoices/export").ShouldHaveSingleItem().Query;
        query["search"].ShouldBe("INV");
        query["status"].ShouldBe("overdue");
        query["unmapped"].ShouldBe("true");
        query["clientId"].ShouldBe(clientId.ToString());
        query.ShouldNotContainKey("source", "a source the UI does not know is left out");
    }

    [Fact]
    public async Task An_invoices_export_the_service_refuses_is_answered_with_its_problem()
    {
        app.Gateway.On(HttpMethod.Get, "/api/invoice/invoices/export",
            _ => Problem(HttpStatusCode.ServiceUnavailable, "Invoice service unavailable"));
        using var browser = await app.SignedInBrowserAsync();

        using var response = await browser.GetAsync("/invoices/export.csv");

        response.StatusCode.ShouldBe(HttpStatusCode.BadGateway);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Invoice service unavailable");
    }

    [Fact]
    public async Task Exports_every_page_of_a_mappings_tab_as_csv()
    {
        app.Gateway.On(HttpMethod.Get, "/api/subscription/mappings", request => Json(new
        {
            items = new[]
            {
                new
                {
                    vendor = "rmm", externalId = $"ninja-{request.Query["page"]}", name = "Contoso HQ", clientId = (Guid?)null,
                    clientName = (string?)null, method = (string?)null, score = (decimal?)null, mappedAt = (DateTimeOffset?)null,
                    suggestions = Array.Empty<object>(),
                },
            },
            page = int.Parse(request.Query["page"]),
            pageSize = 100,
            totalCount = 2,
        }));
        using var browser = await app.SignedInBrowserAsync();

        using var response = await browser.GetAsync("/clients/mappings/export.csv?vendor=rmm&state=unmapped");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var csv = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        csv.ShouldBe("vendor,vendor_id,client,name,method,mapped_at,suggestion,suggestion_score\r\n" +
            "rmm,ninja-1,,Contoso HQ,,,,\r\nrmm,ninja-2,,Contoso HQ,,,,\r\n");
        var requests = app.Gateway.RequestsTo(HttpMethod.Get, "/api/subscription/mappings");
        requests.Count.ShouldBe(2);
        requests[0].Query["vendor"].ShouldBe("rmm");
        requests[0].Query["state"].ShouldBe("unmapped");
    }

    [Fact]
    public async Task Billing_readings_export_needs_a_signed_in_user()
    {
        using var browser = app.CreateBrowser();

        using var response = await browser.GetAsync("/metering/billing-readings/export");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        app.Gateway.Requests.ShouldBeEmpty();
    }

    [Fact]
    public async Task Answers_health_probes_without_sign_in()
    {
        using var client = app.CreateBrowser();

        (await client.GetAsync("/alive")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}

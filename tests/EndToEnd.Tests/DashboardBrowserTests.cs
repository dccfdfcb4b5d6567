using System.Diagnostics;
using BillingOne.AppHost;
using Microsoft.Playwright;
using Shouldly;

namespace BillingOne.EndToEnd.Tests;

/// <summary>
/// The Aspire dashboard as an operator sees it in a browser (Debian's chromium), with screenshots kept: the dashboard of
/// the system with replicas (<see cref="ReplicasSystem"/>).
/// </summary>
[Collection(ReplicasSystemCollection.Name)]
[Trait("Category", "Browser")]
public sealed class DashboardBrowserTests(ReplicasSystem fixture) : BrowserTest(fixture)
{
    [SystemFact]
    public async Task The_resources_page_lists_every_resource_running()
    {
        var page = await Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1600, Height = 1000 } });
        // The dashboard's first render (a Blazor circuit and the resource stream) can take most of a minute on two busy
        // cores, and its circuit sometimes dies ("An unhandled error has occurred. Reload"): a person reloads, so do we.
        page.SetDefaultTimeout(45_000);
        await page.GotoAsync(new Uri(Fixture.System.Dashboard!, "/").ToString());

        foreach (var resource in new[] { "gateway", "ingestion", "metering", "postgres", "rabbitmq" })
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await page.GetByRole(AriaRole.Row).Filter(new() { HasText = resource }).GetByText("Running").First.WaitForAsync();
                    break;
                }
                catch (TimeoutException) when (attempt < 3)
                {
                    await ShotAsync(page, $"aspire-dashboard-resources-without-{resource}-{attempt}.png");
                    await page.ReloadAsync();
                }
                catch (TimeoutException timeout)
                {
                    var snapshot = Fixture.System.Snapshot(resource);
                    throw new TimeoutException(
                        $"The dashboard shows no running {resource} after {attempt} loads; the app model says " +
                        $"{snapshot.State?.Text} / {snapshot.HealthStatus}.", timeout);
                }
            }
        }
        await page.GetByRole(AriaRole.Row).Filter(new() { HasText = BillingOneResourceExtensions.MigrationsOf("metering") })
            .GetByText("Finished").WaitForAsync();
        await ShotAsync(page, "aspire-dashboard-resources.png");
    }

    [SystemFact]
    public async Task The_traces_page_finds_a_call_and_its_detail_shows_the_gateway_and_the_service()
    {
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using (var gateway = Fixture.System.CreateGatewayClient())
        using (var request = new HttpRequestMessage(HttpMethod.Get, "/api/subscription/clients"))
        {
            request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
            (await gateway.SendAsync(request)).EnsureSuccessStatusCode();
        }
        var page = await Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1600, Height = 1000 } });

        await page.GotoAsync(new Uri(Fixture.System.Dashboard!, "/traces").ToString());
        await page.GetByText("gateway: GET").First.WaitForAsync(new() { Timeout = 60_000 });
        await ShotAsync(page, "aspire-dashboard-traces.png");

        // The gateway's and the service's spans reach the dashboard in separate export batches: a detail page opened
        // between the two shows only the gateway's, so (as a person would) reload until the service's span is there.
        for (var attempt = 1; ; attempt++)
        {
            await page.GotoAsync(new Uri(Fixture.System.Dashboard!, $"/traces/detail/{traceId}").ToString());
            try
            {
                await page.GetByText("subscription").First.WaitForAsync(new() { Timeout = 20_000 });
                break;
            }
            catch (TimeoutException) when (attempt < 4)
            {
                await ShotAsync(page, $"aspire-dashboard-trace-detail-without-subscription-{attempt}.png");
            }
        }
        await page.GetByText("GET /api/subscription/clients").First.WaitForAsync();
        await ShotAsync(page, "aspire-dashboard-trace-detail.png");
    }
}

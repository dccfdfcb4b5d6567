using BillingOne.Testing;
using Microsoft.Playwright;
using Shouldly;

namespace BillingOne.EndToEnd.Tests;

/// <summary>The Aspire dashboard as an operator sees it in a browser (Debian's chromium), with screenshots kept.</summary>
[Collection(RunningSystemCollection.Name)]
public sealed class DashboardBrowserTests(SystemFixture fixture) : IAsyncLifetime
{
    private static readonly string Screenshots = Path.Combine(TestServers.RepositoryRoot(), "TestResults", "screenshots");
    private IPlaywright playwright = null!;
    private IBrowser browser = null!;

    public async Task InitializeAsync()
    {
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(BrowserLaunch.Options);
        Directory.CreateDirectory(Screenshots);
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }

    [Fact]
    public async Task The_resources_page_lists_every_resource_running()
    {
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1600, Height = 1000 } });
        await page.GotoAsync(new Uri(fixture.System.Dashboard!, "/").ToString());

        foreach (var resource in new[] { "gateway", "ingestion", "metering", "postgres", "rabbitmq", "demo-seeder" })
        {
            await page.GetByText(resource, new() { Exact = true }).First.WaitForAsync();
        }
        await page.GetByText("Running").First.WaitForAsync();
        var shot = Path.Combine(Screenshots, "aspire-dashboard-resources.png");
        await page.ScreenshotAsync(new() { Path = shot, FullPage = true });
        new FileInfo(shot).Length.ShouldBeGreaterThan(10_000);
    }

    [Fact]
    public async Task The_traces_page_shows_traces_of_the_gateway()
    {
        using (var gateway = fixture.System.CreateGatewayClient())
        {
            (await gateway.GetAsync("/api/subscription/clients")).EnsureSuccessStatusCode();
        }
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1600, Height = 1000 } });
        await page.GotoAsync(new Uri(fixture.System.Dashboard!, "/traces").ToString());

        await page.GetByText("GET /api/subscription/clients").First.WaitForAsync(new() { Timeout = 60_000 });
        var shot = Path.Combine(Screenshots, "aspire-dashboard-traces.png");
        await page.ScreenshotAsync(new() { Path = shot, FullPage = true });
        new FileInfo(shot).Length.ShouldBeGreaterThan(10_000);
    }
}

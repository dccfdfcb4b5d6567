using BillingOne.BrowserDriver;
using Microsoft.Playwright;

namespace BillingOne.EndToEnd.Tests;

/// <summary>
/// One running system shared by the API and browser tests: starting one takes most of a minute. The browser tests share
/// one headless chromium too, launched by the first of them: a launch per test (a Playwright driver and a browser) cost
/// seconds each; every test opens browser contexts of its own and closes them (<see cref="BrowserTest"/>).
/// </summary>
public sealed class SystemFixture : IAsyncLifetime
{
    private readonly Lock browserLaunch = new();
    private IPlaywright? playwright;
    private Task<IBrowser>? browser;

    public RunningSystem System { get; private set; } = null!;

    public async Task InitializeAsync() => System = await RunningSystem.StartAsync("e2e", dashboard: true);

    /// <summary>Debian's chromium, headless and offline, launched as <see cref="HeadlessChromium"/> says.</summary>
    public Task<IBrowser> BrowserAsync()
    {
        lock (browserLaunch)
        {
            return browser ??= LaunchBrowserAsync();
        }
    }

    private async Task<IBrowser> LaunchBrowserAsync()
    {
        playwright = await Playwright.CreateAsync();
        return await HeadlessChromium.LaunchAsync(playwright);
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await (await browser).DisposeAsync();
            playwright?.Dispose();
        }
        await System.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class RunningSystemCollection : ICollectionFixture<SystemFixture>
{
    public const string Name = "running system";
}

/// <summary>
/// A system of its own for the tests that kill, crash, freeze or stop its parts, so that no fault, and no recovery that
/// goes wrong, reaches the tests of the shared system. Its liveness probes are quick (every 2 s, 2 s to answer, 3 in a
/// row) so a frozen service is restarted within a test's patience.
/// </summary>
public sealed class FaultedSystemFixture : IAsyncLifetime
{
    public RunningSystem System { get; private set; } = null!;

    public async Task InitializeAsync() => System = await RunningSystem.StartAsync("e2e-faults", seedDemoData: false,
        settings: ["--AppHost:Liveness:PeriodSeconds=2", "--AppHost:Liveness:TimeoutSeconds=2",
            "--AppHost:Liveness:FailureThreshold=3"]);

    public async Task DisposeAsync() => await System.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class FaultedSystemCollection : ICollectionFixture<FaultedSystemFixture>
{
    public const string Name = "faulted system";
}

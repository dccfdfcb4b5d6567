using Microsoft.Playwright;

namespace BillingOne.EndToEnd.Tests;

/// <summary>
/// A browser per test class: Debian's chromium, headless and offline (the machine has no browser download and no
/// outside network).
/// </summary>
public abstract class BrowserTest : IAsyncLifetime
{
    private static readonly BrowserTypeLaunchOptions Launch = new()
    {
        ExecutablePath = "/usr/bin/chromium",
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"],
    };

    private IPlaywright playwright = null!;

    protected IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(Launch);
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
    }
}

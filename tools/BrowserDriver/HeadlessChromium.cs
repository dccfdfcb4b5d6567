using Microsoft.Playwright;

namespace BillingOne.BrowserDriver;

/// <summary>
/// Debian's chromium (<c>apt-get install chromium</c>), headless and offline: the machines have no browser download and
/// no outside network, so Playwright's own driver runs the system's browser.
/// </summary>
public static class HeadlessChromium
{
    /// <summary>How the browser tests and the browser benchmark launch it.</summary>
    public static readonly BrowserTypeLaunchOptions Launch = new()
    {
        ExecutablePath = "/usr/bin/chromium",
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"],
    };

    /// <summary>The window the browser tests open pages in: a desktop screen.</summary>
    public static readonly ViewportSize Desktop = new() { Width = 1400, Height = 1000 };

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(Launch);
}

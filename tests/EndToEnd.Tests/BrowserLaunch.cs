using Microsoft.Playwright;

namespace BillingOne.EndToEnd.Tests;

/// <summary>Debian's chromium, headless and offline: the machine has no browser download and no outside network.</summary>
public static class BrowserLaunch
{
    public static BrowserTypeLaunchOptions Options { get; } = new()
    {
        ExecutablePath = "/usr/bin/chromium",
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run"],
    };
}

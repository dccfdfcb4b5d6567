using System.Text.RegularExpressions;
using BillingOne.SystemDriver;
using BillingOne.Testing;
using Microsoft.Playwright;
using Shouldly;

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

    private static readonly string Screenshots =
        Directory.CreateDirectory(Path.Combine(RepositoryRoot.Find(), "TestResults", "screenshots")).FullName;

    private IPlaywright playwright = null!;

    protected IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(Launch);
    }

    /// <summary>
    /// A new browser session signed in as the demo owner at <paramref name="origin"/> (the gateway's address), opened
    /// at <paramref name="path"/>.
    /// </summary>
    protected async Task<IPage> SignedInPageAsync(Uri origin, string path)
    {
        var page = await Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        page.SetDefaultTimeout(60_000);
        await SignInAsync(page, origin, RunningSystem.OwnerEmail, RunningSystem.OwnerPassword);
        await page.GetByTestId("current-user").WaitForAsync();
        await page.GotoAsync(new Uri(origin, path).ToString());
        return page;
    }

    /// <summary>
    /// Signs in on the sign-in page at <paramref name="origin"/> until the page shows <paramref name="next"/> (by
    /// default the signed-in user). The browser tests sign in from one address more often than the gateway's sign-in
    /// limit allows a minute (10): a refused attempt shows when to try again, and is tried again as a person would,
    /// within two windows.
    /// </summary>
    protected static async Task SignInAsync(IPage page, Uri origin, string email, string password, ILocator? next = null)
    {
        next ??= page.GetByTestId("current-user");
        for (var attempt = 1; ; attempt++)
        {
            await page.GotoAsync(new Uri(origin, "sign-in").ToString());
            await page.GetByTestId("sign-in-email").FillAsync(email);
            await page.GetByTestId("sign-in-password").FillAsync(password);
            await page.GetByTestId("sign-in-submit").ClickAsync();
            await next.Or(page.GetByTestId("sign-in-retry")).First.WaitForAsync();
            if (await next.First.IsVisibleAsync() || attempt == 6)
            {
                return;
            }
            await Task.Delay(TimeSpan.FromSeconds(20));
        }
    }

    /// <summary>
    /// Clicks a control whose handler navigates within the page until the address matches <paramref name="address"/>:
    /// a click that lands while the circuit re-renders the control (a list refreshing after a sync) can be lost.
    /// </summary>
    protected static Task ClickUntilAddressAsync(IPage page, ILocator control, Regex address) =>
        Eventually.UntilAsync(async () =>
        {
            if (!address.IsMatch(page.Url))
            {
                await control.ClickAsync();
            }
            try
            {
                await page.WaitForURLAsync(address, new() { Timeout = 10_000 });
                return true;
            }
            catch (TimeoutException)
            {
                return false;
            }
        }, $"the address to match {address}", TimeSpan.FromMinutes(1));

    /// <summary>A full-page screenshot kept under TestResults/screenshots for a person to look at.</summary>
    protected static async Task ShotAsync(IPage page, string name)
    {
        var shot = Path.Combine(Screenshots, name);
        await page.ScreenshotAsync(new() { Path = shot, FullPage = true });
        new FileInfo(shot).Length.ShouldBeGreaterThan(10_000);
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
    }
}

using System.Text.RegularExpressions;
using BillingOne.BrowserDriver;
using BillingOne.SystemDriver;
using BillingOne.Testing;
using Microsoft.Playwright;
using Shouldly;

namespace BillingOne.EndToEnd.Tests;

/// <summary>
/// A test in the running system's browser (<see cref="SystemFixture.BrowserAsync"/>). Every page it opens is a browser
/// context of its own, closed when the test ends, so no session, cookie or web UI circuit outlives the test.
/// </summary>
public abstract class BrowserTest(SystemFixture fixture) : IAsyncLifetime
{
    private static readonly string Screenshots =
        Directory.CreateDirectory(Path.Combine(RepositoryRoot.Find(), "TestResults", "screenshots")).FullName;

    protected SystemFixture Fixture { get; } = fixture;

    protected IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync() => Browser = await Fixture.BrowserAsync();

    /// <summary>
    /// A new browser session signed in as the demo owner at <paramref name="origin"/> (the gateway's address), opened
    /// at <paramref name="path"/>.
    /// </summary>
    protected async Task<IPage> SignedInPageAsync(Uri origin, string path)
    {
        var page = await Browser.NewPageAsync(new() { ViewportSize = HeadlessChromium.Desktop });
        page.SetDefaultTimeout(60_000);
        await SignInAsync(page, origin, RunningSystem.OwnerEmail, RunningSystem.OwnerPassword);
        await page.GetByTestId("current-user").WaitForAsync();
        // Signing in lands on the dashboard: a test that starts there needs no second load of it.
        var target = new Uri(origin, path).ToString();
        if (page.Url != target)
        {
            await page.GotoAsync(target);
        }
        return page;
    }

    /// <summary>Signs in on the sign-in page at <paramref name="origin"/> (see <see cref="WebSignIn"/>).</summary>
    protected static Task SignInAsync(IPage page, Uri origin, string email, string password, ILocator? next = null) =>
        WebSignIn.SignInAsync(page, origin, email, password, next);

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

    /// <summary>The tests of the collection run one at a time: every context open now is this test's.</summary>
    public async Task DisposeAsync()
    {
        foreach (var context in Browser.Contexts.ToList())
        {
            await context.CloseAsync();
        }
    }
}

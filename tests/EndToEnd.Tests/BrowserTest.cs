using System.Text.RegularExpressions;
using BillingOne.BrowserDriver;
using BillingOne.SystemDriver;
using BillingOne.Testing;
using Microsoft.Playwright;
using Shouldly;

namespace BillingOne.EndToEnd.Tests;

/// <summary>
/// A test in a running system's browser (<see cref="BrowserSystemFixture.BrowserAsync"/>). Every page it opens is a browser
/// context of its own, closed when the test ends, so no cookie jar or web UI circuit outlives the test; a user's session
/// on the server is the one thing the tests share (<see cref="SignedInPageAsync"/>).
/// </summary>
public abstract class BrowserTest(BrowserSystemFixture fixture) : IAsyncLifetime
{
    private static readonly string Screenshots =
        Directory.CreateDirectory(Path.Combine(RepositoryRoot.Find(), "TestResults", "screenshots")).FullName;

    protected BrowserSystemFixture Fixture { get; } = fixture;

    protected IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync() => Browser = await Fixture.BrowserAsync();

    /// <summary>
    /// A new browser context in the shared signed-in session (<see cref="BrowserSystemFixture.SessionAsync"/>) of
    /// <paramref name="user"/> (the demo owner when absent), opened at <paramref name="path"/> of
    /// <paramref name="origin"/> (the gateway's address). Should the session have ended on the server, the page shows
    /// the sign-in form instead: the user signs in again once, for every test after.
    /// </summary>
    protected async Task<IPage> SignedInPageAsync(Uri origin, string path, BrowserUser? user = null)
    {
        var target = new Uri(origin, path).ToString();
        Task<string>? ended = null;
        for (var attempt = 1; ; attempt++)
        {
            var session = Fixture.SessionAsync(origin, user ?? BrowserUser.Owner, ended);
            var context = await Browser.NewContextAsync(new() { ViewportSize = HeadlessChromium.Desktop, StorageState = await session });
            var page = await context.NewPageAsync();
            page.SetDefaultTimeout(60_000);
            await page.GotoAsync(target);
            var signedIn = page.GetByTestId("current-user");
            await signedIn.Or(page.GetByTestId("sign-in-form")).First.WaitForAsync();
            if (await signedIn.IsVisibleAsync() || attempt == 2)
            {
                await signedIn.WaitForAsync();
                return page;
            }
            await context.CloseAsync();
            ended = session;
        }
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

    /// <summary>
    /// The gateway budgets each caller's requests in fixed one-minute windows; after one the budget is whole again.
    /// </summary>
    protected static readonly TimeSpan RequestBudgetWindow = TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1);

    /// <summary>
    /// Clicks <paramref name="submit"/> and waits until <paramref name="accepted"/> shows. The tests share the demo owner,
    /// whose requests the gateway budgets (600 a minute), and the other tests can spend them: the form's call is then
    /// refused with "Too many requests", shown in <paramref name="refused"/>, and sent again once the minute has passed,
    /// as the message tells a person to. Any other refusal fails the test with its text.
    /// </summary>
    protected static async Task SubmitAsync(ILocator submit, ILocator accepted, ILocator refused)
    {
        await submit.ClickAsync();
        await Assertions.Expect(accepted.Or(refused)).ToBeVisibleAsync(new() { Timeout = 30_000 });
        if (await refused.IsVisibleAsync())
        {
            (await refused.InnerTextAsync()).ShouldContain("Too many requests");
            await Task.Delay(RequestBudgetWindow);
            await submit.ClickAsync();
        }
        await Assertions.Expect(accepted).ToBeVisibleAsync(new() { Timeout = 30_000 });
    }

    /// <summary>
    /// Refreshes a page until <paramref name="assertion"/> holds: at most once a second, each refresh being some of the
    /// demo owner's budgeted requests (a loop at the pace of <see cref="Eventually"/> spent a whole minute's budget in
    /// seconds), and for up to two budget windows, should earlier tests have spent the owner's budget.
    /// </summary>
    protected static Task RefreshUntilAsync(Func<Task> refresh, Func<Task> assertion)
    {
        var refreshed = false;
        return Eventually.AssertAsync(async () =>
        {
            if (refreshed)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
            refreshed = true;
            await refresh();
            await assertion();
        }, 2 * RequestBudgetWindow);
    }

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

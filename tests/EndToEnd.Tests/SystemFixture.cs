using BillingOne.BrowserDriver;
using Microsoft.Playwright;

namespace BillingOne.EndToEnd.Tests;

/// <summary>
/// A running system with a headless chromium for its browser tests, launched by the first of them: a launch per test (a
/// Playwright driver and a browser) cost seconds each; every test opens browser contexts of its own and closes them
/// (<see cref="BrowserTest"/>). They share one signed-in session of the demo owner as well (<see cref="OwnerSessionAsync"/>).
/// </summary>
public abstract class BrowserSystemFixture : IAsyncLifetime
{
    private readonly Lock browserLaunch = new();
    private readonly Dictionary<string, Task<string>> ownerSessions = [];
    private IPlaywright? playwright;
    private Task<IBrowser>? browser;

    public RunningSystem System { get; private set; } = null!;

    public async Task InitializeAsync() => System = await StartSystemAsync();

    protected abstract Task<RunningSystem> StartSystemAsync();

    /// <summary>Debian's chromium, headless and offline, launched as <see cref="HeadlessChromium"/> says.</summary>
    public Task<IBrowser> BrowserAsync()
    {
        lock (browserLaunch)
        {
            return browser ??= LaunchBrowserAsync();
        }
    }

    /// <summary>
    /// The demo owner's signed-in session at <paramref name="origin"/> (Playwright's storage state: the session cookie,
    /// which a browser keeps per host), signed in once through the sign-in page and reused by every browser test that
    /// is not about signing in. A sign-in per test cost seconds each and ran into the gateway's 10 sign-ins a minute,
    /// whose refusals cost 20 s. <paramref name="ended"/>: the session a test was given has ended on the server, so the
    /// next caller gets a new one.
    /// </summary>
    public Task<string> OwnerSessionAsync(Uri origin, Task<string>? ended = null)
    {
        lock (ownerSessions)
        {
            var host = origin.GetLeftPart(UriPartial.Authority);
            if (!ownerSessions.TryGetValue(host, out var session) || session == ended || session.IsFaulted)
            {
                ownerSessions[host] = session = SignInOwnerAsync(origin);
            }
            return session;
        }
    }

    private async Task<string> SignInOwnerAsync(Uri origin)
    {
        await using var context = await (await BrowserAsync()).NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        await WebSignIn.SignInAsync(page, origin, RunningSystem.OwnerEmail, RunningSystem.OwnerPassword);
        return await context.StorageStateAsync();
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

/// <summary>
/// One running system shared by the API and browser tests, as the default run (demo data seeded): starting one takes
/// most of a minute. Without the Aspire dashboard: taking in the telemetry of the demo seeding and of every test kept it
/// busy for minutes on end (the most CPU of any process but the services); its tests run on <see cref="ReplicasSystem"/>.
/// </summary>
public sealed class SystemFixture : BrowserSystemFixture
{
    protected override Task<RunningSystem> StartSystemAsync() => RunningSystem.StartAsync("e2e");
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

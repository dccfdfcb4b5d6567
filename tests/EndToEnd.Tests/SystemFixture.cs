using System.Net;
using System.Net.Http.Json;
using BillingOne.BrowserDriver;
using Microsoft.Playwright;
using Shouldly;

namespace BillingOne.EndToEnd.Tests;

/// <summary>
/// A running system with a headless chromium for its browser tests, launched by the first of them: a launch per test (a
/// Playwright driver and a browser) cost seconds each; every test opens browser contexts of its own and closes them
/// (<see cref="BrowserTest"/>). They share one signed-in session per user as well (<see cref="SessionAsync"/>).
/// </summary>
public abstract class BrowserSystemFixture : IAsyncLifetime
{
    private readonly Lock browserLaunch = new();
    private readonly Dictionary<(string Host, string Email), Task<string>> sessions = [];
    private Task<BrowserUser>? tourUser;
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
    /// <paramref name="user"/>'s signed-in session at <paramref name="origin"/> (Playwright's storage state: the session
    /// cookie, which a browser keeps per host), signed in once through the sign-in page and reused by every browser test
    /// that is not about signing in. A sign-in per test cost seconds each and ran into the gateway's 10 sign-ins a
    /// minute, whose refusals cost 20 s. <paramref name="ended"/>: the session a test was given has ended on the server,
    /// so the next caller gets a new one.
    /// </summary>
    public Task<string> SessionAsync(Uri origin, BrowserUser user, Task<string>? ended = null)
    {
        lock (sessions)
        {
            var key = (origin.GetLeftPart(UriPartial.Authority), user.Email);
            if (!sessions.TryGetValue(key, out var session) || session == ended || session.IsFaulted)
            {
                sessions[key] = session = SignInAsync(origin, user);
            }
            return session;
        }
    }

    /// <summary>
    /// An admin of the demo organization besides the owner, made once through the API, for the tests that tour every
    /// page: the gateway budgets each user's requests (600 a minute), and a tour spends most of a minute's, which left
    /// the owner's own form submissions in the tests after it refused with "Too many requests".
    /// </summary>
    public Task<BrowserUser> TourUserAsync()
    {
        lock (sessions)
        {
            return tourUser ??= CreateTourUserAsync();
        }
    }

    private async Task<BrowserUser> CreateTourUserAsync()
    {
        var user = new BrowserUser($"page-tour-{Guid.NewGuid():N}@demo.billingone.dev", "Page-tour-admin-2026!");
        using var admin = System.CreateGatewayClient();
        using var created = await admin.PostAsJsonAsync("/api/identity/users",
            new { email = user.Email, name = "Paige Tour", role = "admin", password = user.Password });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return user;
    }

    private async Task<string> SignInAsync(Uri origin, BrowserUser user)
    {
        await using var context = await (await BrowserAsync()).NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        await WebSignIn.SignInAsync(page, origin, user.Email, user.Password);
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

/// <summary>A user the browser tests sign in as.</summary>
public sealed record BrowserUser(string Email, string Password)
{
    public static readonly BrowserUser Owner = new(RunningSystem.OwnerEmail, RunningSystem.OwnerPassword);
}

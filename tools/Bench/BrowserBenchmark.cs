using BillingOne.BrowserDriver;
using BillingOne.SystemDriver;
using Microsoft.Playwright;

namespace BillingOne.Bench;

/// <summary>One screen's first loads in fresh browsers, against the raw cost of what it needs.</summary>
/// <param name="TimedOut">First loads that showed no content within <see cref="BrowserProbe.Timeout"/>.</param>
/// <param name="RawStatic">The HTML and static files fetched raw, per round.</param>
/// <param name="RawLayout">The layout's API calls fetched raw, per round.</param>
/// <param name="RawApi">The screen's own API calls fetched raw, per round (none when they did not all succeed).</param>
public sealed record FirstLoadFigures(BrowserPage Page, IReadOnlyList<FirstLoad> Loads, int TimedOut,
    IReadOnlyList<double> RawStatic, IReadOnlyList<double> RawLayout, IReadOnlyList<double> RawApi)
{
    public LatencySummary Visible => LatencySummary.Of([.. Loads.Select(load => TimeSpan.FromMilliseconds(load.Visible))]);

    public bool MeetsTarget => TimedOut == 0 && Loads.Count > 0 && Visible.Max <= BrowserBenchmark.FirstLoadTargetMilliseconds;
}

/// <summary>
/// The clicks on one control (a nav link, a tab, a sort header), against its screen's API calls fetched raw in the
/// first loads (<see cref="FirstLoadFigures.RawApi"/>).
/// </summary>
public sealed record ClickFigures(string Action, string Path, IReadOnlyList<double> Clicks, int TimedOut)
{
    public LatencySummary Latency => LatencySummary.Of([.. Clicks.Select(TimeSpan.FromMilliseconds)]);
}

public sealed record BrowserFigures(
    int Rounds,
    int Clients,
    IReadOnlyList<FirstLoadFigures> FirstLoads,
    IReadOnlyList<ClickFigures> Clicks,
    IReadOnlyDictionary<string, double> FirstLoadCpuSeconds,
    IReadOnlyDictionary<string, double> ClickCpuSeconds,
    double LoadAverageStart,
    double LoadAverageBetween,
    double LoadAverageEnd);

/// <summary>
/// The browser scenario (issue #33, "speed as felt"): the system started as scripts/run.sh starts it (demo world
/// seeded and settled), then headless chromium opens every screen of the navigation in a fresh browser (nothing
/// cached) and clicks through them in one warm one, each timed until its content is visible (see
/// <see cref="BrowserProbe"/>); the same screens' HTML, static files and API calls fetched raw through the gateway are
/// the baseline.
/// </summary>
public static class BrowserBenchmark
{
    public const double FirstLoadTargetMilliseconds = 2_000;

    public const double ClickTargetP95Milliseconds = 300;

    public static async Task<string> RunAsync(BenchOptions options)
    {
        var loadStart = MachineLoad.OneMinute();
        await using var system = await DefaultRunBenchmark.StartAsDefaultRunAsync("bench-browser");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await HeadlessChromium.LaunchAsync(playwright);

        Console.WriteLine("Signing in once and reading the screens from the navigation...");
        await using var signedIn = await browser.NewContextAsync(new() { ViewportSize = HeadlessChromium.Desktop });
        await signedIn.AddInitScriptAsync(BrowserProbe.Script);
        var page = await signedIn.NewPageAsync();
        await WebSignIn.SignInAsync(page, system.Gateway, RunningSystem.OwnerEmail, RunningSystem.OwnerPassword);
        var cookies = await signedIn.CookiesAsync();
        var session = await signedIn.StorageStateAsync();
        var pages = await BrowserPages.DiscoverAsync(page, system.Gateway);
        Console.WriteLine($"  {pages.Count} screens: {string.Join(", ", pages.Select(found => found.Name))}");
        using var baseline = await BrowserBaseline.SignInAsync(system.Gateway, RunningSystem.OwnerEmail, RunningSystem.OwnerPassword);
        var clients = await CountClientsAsync(baseline);

        Console.WriteLine($"First loads: {options.Rounds} per screen, each in a fresh browser context...");
        var (firstLoads, firstLoadCpu) = await ProcessCpu.MeasureAsync(system.DataDirectory,
            () => FirstLoadsAsync(browser, session, cookies, pages, baseline, system.Gateway, options.Rounds));
        var loadBetween = MachineLoad.OneMinute();

        Console.WriteLine($"Clicks: {options.Rounds} rounds through the navigation in one warm browser context...");
        var (clicks, clickCpu) = await ProcessCpu.MeasureAsync(system.DataDirectory,
            () => ClicksAsync(page, pages, system.Gateway, options.Rounds));
        var loadEnd = MachineLoad.OneMinute();

        return BrowserReport.Render(new BrowserFigures(options.Rounds, clients, firstLoads, clicks, firstLoadCpu, clickCpu,
            loadStart, loadBetween, loadEnd), DateTimeOffset.UtcNow);
    }

    private static async Task<int> CountClientsAsync(BrowserBaseline baseline)
    {
        try
        {
            return await baseline.TotalAsync("api/projection/clients?page=1&pageSize=1");
        }
        catch (HttpRequestException)
        {
            return 0;
        }
    }

    /// <param name="session">The signed-in context's cookies, which each fresh context starts with (its cache empty).</param>
    private static async Task<IReadOnlyList<FirstLoadFigures>> FirstLoadsAsync(IBrowser browser, string session,
        IReadOnlyList<BrowserContextCookiesResult> cookies, IReadOnlyList<BrowserPage> pages, BrowserBaseline baseline, Uri gateway,
        int rounds)
    {
        var cookieHeader = string.Join("; ", cookies.Select(cookie => $"{cookie.Name}={cookie.Value}"));
        var figures = new List<FirstLoadFigures>();
        foreach (var screen in pages)
        {
            var url = new Uri(gateway, screen.Path);
            var (loads, timedOut) = (new List<FirstLoad>(), 0);
            var (rawStatic, rawLayout, rawApi) = (new List<double>(), new List<double>(), new List<double>());
            for (var round = 0; round < rounds; round++)
            {
                await using (var context = await browser.NewContextAsync(
                    new() { ViewportSize = HeadlessChromium.Desktop, StorageState = session }))
                {
                    await context.AddInitScriptAsync(BrowserProbe.Script);
                    var load = await BrowserProbe.FirstLoadAsync(await context.NewPageAsync(), url.ToString());
                    if (load is null)
                    {
                        timedOut++;
                    }
                    else
                    {
                        loads.Add(load);
                    }
                }
                // The raw fetches right after the browser's, so both see the same moment of the machine.
                var assets = loads.LastOrDefault()?.AssetUrls ?? [];
                rawStatic.Add(await BrowserBaseline.StaticAsync(url, cookieHeader, assets));
                if (await baseline.ApiAsync(BrowserBaseline.LayoutCalls) is { } layout)
                {
                    rawLayout.Add(layout);
                }
                if (await baseline.ApiAsync(BrowserBaseline.CallsOf(screen.Path)) is { } api)
                {
                    rawApi.Add(api);
                }
                if (timedOut > 0 && loads.Count == 0)
                {
                    break; // A screen that never shows content is reported as such, not waited for round after round.
                }
            }
            var row = new FirstLoadFigures(screen, loads, timedOut, rawStatic, rawLayout, rawApi);
            Console.WriteLine(FormattableString.Invariant(
                $"  {screen.Name}: p50 {row.Visible.P50:F0} ms, max {row.Visible.Max:F0} ms{(timedOut > 0 ? $", {timedOut} timed out" : "")}"));
            figures.Add(row);
        }
        return figures;
    }

    /// <summary>
    /// Each round clicks every nav link in the navigation's order, and on the way: a sort header and a client on
    /// Clients, a sort header on Reconciliation, every tab on Settings. No raw call runs meanwhile: the gateway's
    /// budget per signed-in user (600 requests a minute) is the web UI's alone while it is clicked through.
    /// </summary>
    private static async Task<IReadOnlyList<ClickFigures>> ClicksAsync(IPage page, IReadOnlyList<BrowserPage> pages,
        Uri gateway, int rounds)
    {
        var actions = Actions(pages);
        var samples = actions.ToDictionary(action => action.Name, _ => (Clicks: new List<double>(), TimedOut: 0));
        await page.GotoAsync(new Uri(gateway, "").ToString());
        await BrowserProbe.SettledAsync(page);
        for (var round = 0; round < rounds; round++)
        {
            foreach (var action in actions)
            {
                if (action.NewPage && new Uri(page.Url).AbsolutePath.TrimStart('/') == action.Path)
                {
                    continue; // Already there: a click on the current screen's link changes nothing.
                }
                var sample = samples[action.Name];
                var clicked = await BrowserProbe.ClickAsync(page, page.Locator(action.Control).First, action.NewPage);
                if (clicked is { } milliseconds)
                {
                    sample.Clicks.Add(milliseconds);
                }
                else
                {
                    sample.TimedOut++;
                    // Back to a known screen, so the next click starts from content.
                    await page.GotoAsync(new Uri(gateway, action.Path).ToString());
                    await BrowserProbe.SettledAsync(page);
                }
                samples[action.Name] = sample;
            }
        }
        return [.. actions.Select(action => new ClickFigures(action.Name, action.Path, samples[action.Name].Clicks,
            samples[action.Name].TimedOut))];
    }

    private static List<ClickAction> Actions(IReadOnlyList<BrowserPage> pages)
    {
        var actions = new List<ClickAction>();
        foreach (var screen in pages.Where(screen => screen.Link.StartsWith("[data-testid=\"nav\"]", StringComparison.Ordinal)))
        {
            actions.Add(new ClickAction(screen.Name, screen.Link, screen.Path, NewPage: true));
            switch (screen.Path)
            {
                case "clients":
                    actions.Add(new ClickAction("Clients: sort by client", "[data-testid=\"clients-table\"] button.sort", "clients", NewPage: false));
                    if (pages.FirstOrDefault(found => found.Link == BrowserPages.ClientDetailLink) is { } client)
                    {
                        actions.Add(new ClickAction("Clients: open a client", BrowserPages.ClientDetailLink, client.Path, NewPage: true));
                    }
                    break;
                case "reconciliation":
                    actions.Add(new ClickAction("Reconciliation: sort by client", "[data-testid=\"reconciliation-table\"] button.sort", "reconciliation", NewPage: false));
                    break;
                case "settings":
                    actions.AddRange(pages.Where(tab => tab.Link.StartsWith("[data-testid=\"settings-tabs\"]", StringComparison.Ordinal))
                        .Select(tab => new ClickAction(tab.Name, tab.Link, tab.Path, NewPage: true)));
                    break;
            }
        }
        return actions;
    }

    /// <param name="NewPage">Whether the click opens another screen (its content is new) or changes this one's.</param>
    private sealed record ClickAction(string Name, string Control, string Path, bool NewPage);
}

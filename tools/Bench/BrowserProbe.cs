using System.Text.Json;
using Microsoft.Playwright;

namespace BillingOne.Bench;

/// <summary>
/// What the browser scenario calls "content visible", measured inside the page: the page's title (the one
/// <c>h1[data-testid=page-title]</c> every screen has, from PageHeader) is rendered and nothing in <c>main</c> is still
/// loading — no element of the <c>loading</c> class (the "Loading …" notes the pages and ListFrame show until their
/// data is in) and no table marked <c>aria-busy="true"</c>. The web UI is interactive Blazor Server without
/// prerendering, so the title appears only once the circuit is connected and the page has rendered. Times are the
/// page's own clock (<c>performance.now()</c>): from navigation start for a first load, from the click for a click.
/// </summary>
public static class BrowserProbe
{
    /// <summary>How long a page may take to show its content before the measurement counts as timed out.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Installed in every document before the page's own scripts: watches <c>main</c> for changes after a click and
    /// records the click's time (capture phase, before Blazor's own navigation handler).
    /// </summary>
    public const string Script = """
        (() => {
          if (window.__bench) { return; }
          const bench = { armed: false, clickAt: null, changed: false, staleTitle: null };
          window.__bench = bench;
          const inMain = node => {
            const element = node && (node.nodeType === 1 ? node : node.parentElement);
            return !!element && element.closest('main') !== null;
          };
          new MutationObserver(records => {
            if (bench.clickAt !== null && records.some(record => inMain(record.target))) { bench.changed = true; }
          }).observe(document, { subtree: true, childList: true, characterData: true });
          document.addEventListener('click', () => {
            if (bench.armed && bench.clickAt === null) { bench.clickAt = performance.now(); }
          }, true);
          bench.title = () => document.querySelector('main h1[data-testid="page-title"]');
          bench.settled = () => {
            const main = document.querySelector('main');
            const title = bench.title();
            return !!main && !!title && title.getClientRects().length > 0
              && main.querySelector('.loading, [aria-busy="true"]') === null;
          };
          bench.arm = () => {
            bench.armed = true; bench.clickAt = null; bench.changed = false; bench.staleTitle = bench.title();
          };
          bench.afterClick = newPage => {
            if (bench.clickAt === null || !bench.changed || !bench.settled()) { return false; }
            if (newPage && bench.title() === bench.staleTitle) { return false; }
            return Math.max(performance.now() - bench.clickAt, 0.001);
          };
        })();
        """;

    /// <summary>Where the first load's time went (the page's clock, from navigation start), and what it fetched.</summary>
    private const string PhasesScript = """
        () => {
          const navigation = performance.getEntriesByType('navigation')[0];
          const resources = performance.getEntriesByType('resource');
          const assets = resources.filter(entry => !entry.name.includes('/_blazor'));
          const negotiate = resources.find(entry => entry.name.includes('/_blazor/negotiate'));
          return {
            html: navigation ? navigation.responseEnd : 0,
            assets: Math.max(0, ...assets.map(entry => entry.responseEnd)),
            circuit: negotiate ? negotiate.responseEnd : 0,
            bytes: (navigation ? navigation.transferSize : 0) + resources.reduce((sum, entry) => sum + entry.transferSize, 0),
            assetUrls: assets.map(entry => entry.name),
          };
        }
        """;

    /// <summary>
    /// Navigates to <paramref name="url"/> and waits for content; null when it did not show within
    /// <see cref="Timeout"/>.
    /// </summary>
    public static async Task<FirstLoad?> FirstLoadAsync(IPage page, string url)
    {
        try
        {
            await page.GotoAsync(url, new() { WaitUntil = WaitUntilState.Commit, Timeout = (float)Timeout.TotalMilliseconds });
            var visible = await page.WaitForFunctionAsync(
                "() => window.__bench && window.__bench.settled() ? performance.now() : false",
                null, new() { Timeout = (float)Timeout.TotalMilliseconds });
            var milliseconds = await visible.JsonValueAsync<double>();
            var phases = await page.EvaluateAsync<JsonElement>(PhasesScript);
            return new FirstLoad(
                milliseconds,
                phases.GetProperty("html").GetDouble(),
                phases.GetProperty("assets").GetDouble(),
                phases.GetProperty("circuit").GetDouble(),
                phases.GetProperty("bytes").GetDouble(),
                [.. phases.GetProperty("assetUrls").EnumerateArray().Select(url => url.GetString()!)]);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    /// <summary>Waits for content already on its way (a page opened without a click being timed).</summary>
    public static async Task<bool> SettledAsync(IPage page)
    {
        try
        {
            await page.WaitForFunctionAsync("() => window.__bench && window.__bench.settled()",
                null, new() { Timeout = (float)Timeout.TotalMilliseconds });
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    /// <summary>
    /// Clicks <paramref name="control"/> and returns the milliseconds from the click until content is visible again:
    /// for <paramref name="newPage"/> the title of another page than before, otherwise changed content of the same
    /// page; null when that did not happen within <see cref="Timeout"/>.
    /// </summary>
    public static async Task<double?> ClickAsync(IPage page, ILocator control, bool newPage)
    {
        try
        {
            await page.EvaluateAsync("() => window.__bench.arm()");
            await control.ClickAsync(new() { Timeout = (float)Timeout.TotalMilliseconds });
            var visible = await page.WaitForFunctionAsync("newPage => window.__bench.afterClick(newPage)", newPage,
                new() { Timeout = (float)Timeout.TotalMilliseconds });
            return await visible.JsonValueAsync<double>();
        }
        catch (TimeoutException)
        {
            return null;
        }
    }
}

/// <summary>One first load, in the page's milliseconds from navigation start.</summary>
/// <param name="Visible">Content visible.</param>
/// <param name="Html">The page's HTML received.</param>
/// <param name="Assets">The last script, stylesheet or other static file received.</param>
/// <param name="Circuit">Blazor's circuit negotiated (the WebSocket opens right after); 0 when not seen.</param>
/// <param name="Bytes">Bytes transferred for the document and its resources (not the WebSocket).</param>
/// <param name="AssetUrls">The static files the page fetched, for the raw baseline.</param>
public sealed record FirstLoad(double Visible, double Html, double Assets, double Circuit, double Bytes,
    IReadOnlyList<string> AssetUrls);

using System.Text.Json;
using Microsoft.Playwright;

namespace BillingOne.Bench;

/// <summary>
/// A screen the browser scenario opens: its name as the navigation shows it, its address relative to the gateway
/// (the web UI's base href is <c>/</c>), and the link that opens it.
/// </summary>
/// <param name="Link">The selector of the link that opens it (a nav link, a Settings tab, a client's row).</param>
public sealed record BrowserPage(string Name, string Path, string Link);

/// <summary>
/// The screens to measure, read from the running web UI rather than listed here: every link of the main navigation
/// (services/Web's NavMenu, <c>[data-testid=nav]</c>), every Settings tab (SettingsTabs) and the first client's
/// detail page from the Clients list — so a screen added to the navigation is measured without changing the benchmark.
/// </summary>
public static class BrowserPages
{
    private const string NavLinks = """
        () => [...document.querySelectorAll('[data-testid="nav"] a[data-testid]')].map(link => {
          const group = link.closest('.nav-group');
          const label = group ? group.querySelector('.nav-group-label').textContent.trim() + ' › ' : '';
          return { name: label + link.textContent.trim(), path: link.getAttribute('href'), id: link.dataset.testid };
        })
        """;

    private const string TabLinks = """
        () => [...document.querySelectorAll('[data-testid="settings-tabs"] a[data-testid]')].map(link =>
          ({ name: 'Settings › ' + link.textContent.trim(), path: link.getAttribute('href'), id: link.dataset.testid }))
        """;

    /// <summary>The link from the Clients list to a client's page.</summary>
    public const string ClientDetailLink = "[data-testid=\"client-detail-link\"]";

    /// <summary>Reads the screens from a signed-in <paramref name="page"/> (it is left on a client's page).</summary>
    public static async Task<IReadOnlyList<BrowserPage>> DiscoverAsync(IPage page, Uri gateway)
    {
        var pages = new List<BrowserPage>();
        await OpenAsync(page, gateway, "");
        pages.AddRange(await LinksAsync(page, NavLinks, "[data-testid=\"nav\"]"));
        var settings = pages.Single(found => found.Path == "settings");
        await OpenAsync(page, gateway, settings.Path);
        // The first tab is Settings itself.
        pages.AddRange((await LinksAsync(page, TabLinks, "[data-testid=\"settings-tabs\"]"))
            .Where(tab => tab.Path != settings.Path));
        await OpenAsync(page, gateway, "clients");
        var client = page.Locator(ClientDetailLink).First;
        if (await client.CountAsync() > 0)
        {
            var path = (await client.GetAttributeAsync("href"))!.TrimStart('/');
            pages.Insert(pages.FindIndex(found => found.Path == "clients") + 1,
                new BrowserPage("Client (detail)", path, ClientDetailLink));
        }
        return pages;
    }

    private static async Task OpenAsync(IPage page, Uri gateway, string path)
    {
        await page.GotoAsync(new Uri(gateway, path).ToString());
        if (!await BrowserProbe.SettledAsync(page))
        {
            throw new TimeoutException($"/{path} did not show its content within {BrowserProbe.Timeout.TotalSeconds:F0} s.");
        }
    }

    private static async Task<IEnumerable<BrowserPage>> LinksAsync(IPage page, string script, string container)
    {
        var links = await page.EvaluateAsync<JsonElement>(script);
        return links.EnumerateArray().Select(link => new BrowserPage(
            link.GetProperty("name").GetString()!,
            link.GetProperty("path").GetString()!.TrimStart('/'),
            $"{container} a[data-testid=\"{link.GetProperty("id").GetString()}\"]")).ToList();
    }
}

using System.Net;
using System.Net.Http.Json;
using BillingOne.Testing;
using Microsoft.Playwright;
using Shouldly;

namespace BillingOne.EndToEnd.Tests;

/// <summary>The web UI in Debian's chromium, served through the gateway like a user sees it, signed in as the demo owner.</summary>
[Collection(RunningSystemCollection.Name)]
[Trait("Category", "Browser")]
public sealed class WebUiBrowserTests(SystemFixture fixture) : BrowserTest(fixture)
{
    private string Url(string relative) => new Uri(Fixture.System.Gateway, relative).ToString();

    private Task<IPage> SignedInPageAsync() => SignedInPageAsync(Fixture.System.Gateway, "");

    private static async Task SignInAsync(IPage page)
    {
        await page.GetByTestId("sign-in-form").WaitForAsync();
        await page.GetByTestId("sign-in-email").FillAsync(RunningSystem.OwnerEmail);
        await page.GetByTestId("sign-in-password").FillAsync(RunningSystem.OwnerPassword);
        await page.GetByTestId("sign-in-submit").ClickAsync();
        await page.GetByTestId("current-user").WaitForAsync();
    }

    /// <summary>
    /// The window sizes every page must fit: two laptop screens and a phone. The page is loaded afresh in the first
    /// laptop window and on the phone; the wider laptop window is that page with its window widened, as a user does,
    /// which saves a load: a page laid out for a narrower window is no wider after widening than loaded wide.
    /// </summary>
    private static readonly (int Width, int Height, bool Load)[] Windows = [(1280, 800, true), (1440, 900, false), (390, 844, true)];

    [SystemTheory]
    [InlineData("")]
    [InlineData("clients")]
    [InlineData("clients/mappings")]
    [InlineData("subscriptions")]
    [InlineData("invoices")]
    [InlineData("reconciliation")]
    [InlineData("missed-billing")]
    [InlineData("reports")]
    [InlineData("domains-hosting")]
    [InlineData("metering/clients")]
    [InlineData("metering/assets")]
    [InlineData("metering/buckets")]
    [InlineData("metering/unit-types")]
    [InlineData("metering/billing-readings")]
    [InlineData("metering/projections")]
    [InlineData("metering/over-under")]
    [InlineData("metering/unbound")]
    [InlineData("metering/suppressions")]
    [InlineData("metering/disregarded")]
    [InlineData("metering/ingest-exceptions")]
    [InlineData("api-keys")]
    [InlineData("audit-log")]
    [InlineData("settings")]
    public async Task A_page_fits_1280_and_1440_px_windows_and_a_390_px_phone_without_page_wide_horizontal_scrolling(string path)
    {
        // The demo world makes the widest tables of the default run.
        await Fixture.System.WaitForStateAsync("demo-seeder", Aspire.Hosting.ApplicationModel.KnownResourceStates.Finished,
            TimeSpan.FromMinutes(6));
        // As a user of its own: the tour of every page spends most of a user's request budget for a minute.
        var page = await SignedInPageAsync(Fixture.System.Gateway, "", await Fixture.TourUserAsync());
        var name = path.Length == 0 ? "dashboard" : path.Replace('/', '-');
        foreach (var (width, height, load) in Windows)
        {
            await page.SetViewportSizeAsync(width, height);
            if (load)
            {
                await page.GotoAsync(Url(path));
            }
            await page.GetByTestId("page-title").WaitForAsync();
            // A page's lists load after its title; on a busy machine that takes longer than Playwright's 5 s default.
            await Assertions.Expect(page.Locator(".loading")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
            await ShotAsync(page, $"{name}-{width}px.png");

            var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
            widths[0].ShouldBeLessThanOrEqualTo(widths[1],
                $"{name} at {width}×{height} scrolls sideways; widest elements: {await OverflowingElementsAsync(page)}");
            (await page.Locator(".nav a.active").CountAsync()).ShouldBeLessThanOrEqualTo(1, $"{name}: one menu item highlighted");
            if (width < 600)
            {
                // On a phone a list's rows are stacked cards: no table scrolls sideways inside its card either.
                var sideways = await page.EvaluateAsync<string[]>("""
                    () => [...document.querySelectorAll('.table-scroll')]
                        .filter(e => e.scrollWidth > e.clientWidth + 1)
                        .map(e => e.querySelector('table')?.dataset.testid ?? e.className)
                    """);
                sideways.ShouldBeEmpty($"{name} at {width}×{height}: these tables scroll sideways instead of stacking");
            }
            if (width > 800)
            {
                await Assertions.Expect(page.GetByTestId("sign-out")).ToBeInViewportAsync();
            }
        }
    }

    /// <summary>
    /// The elements reaching furthest past the window's right edge, to say what makes a page scroll sideways; those
    /// a box that scrolls or clips holds (a wide table in its card) are left out, as they do not widen the page. An
    /// absolutely positioned element is held only by a box at or above its containing block (its nearest positioned
    /// ancestor): a scrolling box it escapes does widen the page, so it is reported.
    /// </summary>
    private static Task<string> OverflowingElementsAsync(IPage page) => page.EvaluateAsync<string>("""
        () => [...document.querySelectorAll('body *')]
            .filter(e => {
                let position = getComputedStyle(e).position;
                if (position === 'fixed') return true;
                for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
                    const style = getComputedStyle(a);
                    if (position === 'absolute' && style.position === 'static') continue;
                    if (style.overflowX !== 'visible') return false;
                    position = style.position;
                    if (position === 'fixed') return true;
                }
                return true;
            })
            .map(e => ({ e, right: e.getBoundingClientRect().right }))
            .filter(x => x.right > document.documentElement.clientWidth)
            .sort((a, b) => b.right - a.right)
            .slice(0, 5)
            .map(x => `${x.e.tagName.toLowerCase()}.${x.e.className}[${x.e.dataset.testid ?? ''}] right=${Math.round(x.right)}`)
            .join('; ')
        """);

    [SystemFact]
    public async Task Signing_in_opens_the_app_and_signing_out_returns_to_the_sign_in_page()
    {
        var page = await Browser.NewPageAsync();
        // The pages' Content-Security-Policy must not block anything the app needs (Blazor's scripts, its circuit).
        var blocked = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                blocked.Add(message.Text);
            }
        };
        await page.GotoAsync(Url("clients"));
        await page.GetByTestId("sign-in-form").WaitForAsync();

        await page.GetByTestId("sign-in-email").FillAsync(RunningSystem.OwnerEmail);
        await page.GetByTestId("sign-in-password").FillAsync("not the password at all");
        await page.GetByTestId("sign-in-submit").ClickAsync();
        await page.GetByTestId("sign-in-error").WaitForAsync();

        await SignInAsync(page);
        await page.GetByTestId("clients").WaitForAsync();
        (await page.GetByTestId("current-user-role").InnerTextAsync()).ShouldContain("Owner", Case.Insensitive);

        var cookie = (await page.Context.CookiesAsync()).Single(cookie => cookie.Name == "BillingOne.Session");
        cookie.HttpOnly.ShouldBeTrue();
        cookie.SameSite.ShouldBe(SameSiteAttribute.Lax);
        // Someone who copied the cookie gets the data while the session lasts...
        (await ExportWithCookieAsync($"{cookie.Name}={cookie.Value}")).ShouldBe(HttpStatusCode.OK);

        await page.GetByTestId("sign-out").ClickAsync();
        await page.GetByTestId("sign-in-form").WaitForAsync();
        await page.GotoAsync(Url("clients"));
        await page.GetByTestId("sign-in-form").WaitForAsync();
        blocked.ShouldBeEmpty();

        // ... and not after sign-out: the session the cookie names has ended on the server.
        (await ExportWithCookieAsync($"{cookie.Name}={cookie.Value}")).ShouldBe(HttpStatusCode.Unauthorized);
    }

    private async Task<HttpStatusCode> ExportWithCookieAsync(string cookie)
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, Url("clients/export.csv"));
        request.Headers.Add("Cookie", cookie);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    // Up to two minutes refreshing (RefreshUntilAsync), besides the usual waits.
    [SystemFact(Minutes = 5)]
    public async Task A_client_created_through_the_api_is_listed_on_the_clients_page()
    {
        var name = $"Browser API {Guid.NewGuid():N}"[..24];
        using var gateway = Fixture.System.CreateGatewayClient();
        using var created = await gateway.PostAsJsonAsync("/api/subscription/clients", new { name });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);

        var page = await SignedInPageAsync();
        await page.GotoAsync(Url($"clients?search={Uri.EscapeDataString(name)}"));
        await page.GetByTestId("clients").WaitForAsync();

        // The read model follows the subscription service by an event: refresh until it has caught up.
        await RefreshUntilAsync(() => page.GetByTestId("clients-refresh").ClickAsync(),
            async () => (await page.GetByTestId("client-name").AllInnerTextsAsync()).ShouldContain(name));
        (await page.GetByTestId("page-title").InnerTextAsync()).ShouldBe("Clients");
        (await page.GetByTestId("client-row").First.GetByTestId("client-status").InnerTextAsync()).ShouldBe("No data");
    }

    // Up to a minute waiting out the owner's request budget (SubmitAsync) and two refreshing (RefreshUntilAsync).
    [SystemFact(Minutes = 6)]
    public async Task An_api_key_created_on_the_api_keys_page_is_shown_once_and_listed_and_audited()
    {
        var name = $"Browser key {Guid.NewGuid():N}"[..24];
        var page = await SignedInPageAsync();
        await page.GotoAsync(Url("api-keys"));
        await page.GetByTestId("api-key-create-form").WaitForAsync();

        await page.GetByTestId("api-key-create-name").FillAsync(name);
        await page.GetByTestId("api-key-create-role").SelectOptionAsync("read-only");
        await SubmitAsync(page.GetByTestId("api-key-create-submit"), page.GetByTestId("api-key-revealed"),
            page.GetByTestId("api-key-create-error"));
        (await page.GetByTestId("api-key-revealed-value").InputValueAsync()).ShouldStartWith("bo_");
        await Eventually.AssertAsync(async () =>
            // The name cell shows the name over the key's visible prefix.
            (await page.GetByTestId("api-key-name").AllInnerTextsAsync())
                .ShouldContain(cell => cell.StartsWith(name + "\n") && cell.Contains("bo_")));

        await page.GotoAsync(Url("audit-log?table=api_keys"));
        await page.GetByTestId("audit-filters").WaitForAsync();
        await RefreshUntilAsync(() => page.ReloadAsync(), async () =>
        {
            await page.GetByTestId("audit-filters").WaitForAsync();
            (await page.GetByTestId("audit-row").CountAsync()).ShouldBeGreaterThan(0);
        });
        (await page.GetByTestId("audit-table-name").First.InnerTextAsync()).ShouldBe("api_keys");
    }

    // Up to a minute waiting out the owner's request budget (SubmitAsync), besides the usual waits.
    [SystemFact(Minutes = 5)]
    public async Task A_user_added_on_the_team_page_is_listed_with_its_role()
    {
        var email = $"finance-{Guid.NewGuid():N}@demo.billingone.dev";
        var page = await SignedInPageAsync();
        await page.GotoAsync(Url("settings/team"));
        await page.GetByTestId("user-create-form").WaitForAsync();

        await page.GetByTestId("user-create-email").FillAsync(email);
        await page.GetByTestId("user-create-name").FillAsync("Fiona Finance");
        await page.GetByTestId("user-create-role").SelectOptionAsync("finance");
        await page.GetByTestId("user-create-password").FillAsync("Finance-user-2026!");
        await SubmitAsync(page.GetByTestId("user-create-submit"), page.GetByTestId("user-create-status"),
            page.GetByTestId("user-create-error"));

        await Eventually.AssertAsync(async () =>
            (await page.GetByTestId("team-email").AllInnerTextsAsync()).ShouldContain(email));
        var row = page.GetByTestId("team-row").Filter(new() { HasText = email });
        (await row.GetByTestId("team-role-select").InputValueAsync()).ShouldBe("finance");
    }

    // Up to a minute waiting out the owner's request budget (SubmitAsync) and two refreshing (RefreshUntilAsync).
    [SystemFact(Minutes = 6)]
    public async Task A_client_added_with_the_form_appears_and_an_empty_name_shows_the_validation_error()
    {
        var name = $"Browser Form {Guid.NewGuid():N}"[..25];
        var page = await SignedInPageAsync();
        await page.GotoAsync(Url("clients"));
        await page.GetByTestId("client-create-form").WaitForAsync();

        await page.GetByTestId("client-create-submit").ClickAsync();
        await page.GetByTestId("client-create-name-errors").WaitForAsync();
        (await page.GetByTestId("client-create-name-errors").InnerTextAsync()).ShouldNotBeNullOrWhiteSpace();

        await page.GetByTestId("client-create-name").FillAsync(name);
        // The form says "Added …" once the subscription service has stored the client.
        await SubmitAsync(page.GetByTestId("client-create-submit"), page.GetByTestId("client-create-status"),
            page.GetByTestId("client-create-error"));
        // Narrow the list to the new client: earlier runs may have filled the first page.
        await page.GetByTestId("client-search").FillAsync(name);
        await page.GetByTestId("client-search").PressAsync("Enter");
        // The read model follows the subscription service by an event: refresh until it has caught up (a search run
        // before it had would otherwise stay empty).
        await RefreshUntilAsync(() => page.GetByTestId("clients-refresh").ClickAsync(),
            async () => (await page.GetByTestId("client-name").AllInnerTextsAsync()).ShouldContain(name));
    }
}

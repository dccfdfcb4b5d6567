using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using BillingOne.SystemDriver;
using BillingOne.Testing;
using Microsoft.Playwright;
using Shouldly;

namespace BillingOne.EndToEnd.Tests;

/// <summary>
/// The licence side of the default run in a browser: the seeder's Pax8 and RMM syncs become a device-versus-licence
/// comparison per client, and Snapshot Now takes a new device snapshot that the list then shows.
/// </summary>
[Collection(RunningSystemCollection.Name)]
[Trait("Category", "Browser")]
public sealed class ReconciliationBrowserTests(SystemFixture fixture) : BrowserTest(fixture)
{
    private string Url(string relative) => new Uri(Fixture.System.Gateway, relative).ToString();

    private Task<IPage> SignedInPageAsync(string path) => SignedInPageAsync(Fixture.System.Gateway, path);

    [SystemFact]
    public async Task Snapshot_Now_takes_a_new_device_snapshot_and_the_comparison_shows_it()
    {
        await Fixture.System.WaitForStateAsync("demo-seeder", KnownResourceStates.Finished, TimeSpan.FromMinutes(8));
        using var api = Fixture.System.CreateGatewayClient();
        var before = await Eventually.ReturnsAsync(
            () => api.GetFromJsonAsync<JsonElement>("/api/reconciliation/clients/summary"),
            summary => summary.GetProperty("underLicensed").GetInt32() + summary.GetProperty("matched").GetInt32()
                + summary.GetProperty("overLicensed").GetInt32() > 0,
            "the seeded devices and licences to be compared", TimeSpan.FromMinutes(4));
        var page = await SignedInPageAsync("reconciliation");
        await page.GetByTestId("reconciliation-row").First.WaitForAsync();

        await page.GetByTestId("reconciliation-snapshot-start").ClickAsync();

        await Assertions.Expect(page.GetByTestId("reconciliation-snapshot").GetByTestId("sync-run-status"))
            .ToHaveTextAsync("Completed", new() { Timeout = 180_000 });
        var after = await Eventually.ReturnsAsync(
            () => api.GetFromJsonAsync<JsonElement>("/api/reconciliation/clients/summary"),
            summary => summary.GetProperty("latestSnapshotAt").GetDateTimeOffset() > before.GetProperty("latestSnapshotAt").GetDateTimeOffset(),
            "the new snapshot to be compared");
        await Assertions.Expect(page.GetByTestId("reconciliation-latest-snapshot")).ToContainTextAsync(
            after.GetProperty("latestSnapshotAt").GetDateTimeOffset().UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        await ClickUntilAddressAsync(page, page.GetByTestId("reconciliation-card-under-licensed"),
            new System.Text.RegularExpressions.Regex("status=under-licensed"));
        await Eventually.UntilAsync(async () => (await page.GetByTestId("reconciliation-status").AllInnerTextsAsync())
            is { Count: > 0 } statuses && statuses.All(status => status.Trim() == "Under-licensed"),
            "only under-licensed clients to be listed", TimeSpan.FromMinutes(1));
        await ShotAsync(page, "reconciliation-under-licensed.png");
    }

    [SystemFact]
    public async Task The_under_licensed_card_leads_to_a_client_whose_scope_narrows_the_subscriptions_to_it()
    {
        await Fixture.System.WaitForStateAsync("demo-seeder", KnownResourceStates.Finished, TimeSpan.FromMinutes(8));
        using var api = Fixture.System.CreateGatewayClient();
        await Eventually.UntilAsync(async () => (await api.GetFromJsonAsync<JsonElement>("/api/projection/dashboard"))
            .GetProperty("underLicensedClients").GetInt32() > 0, "under-licensed clients on the dashboard", TimeSpan.FromMinutes(4));
        var page = await SignedInPageAsync("");

        await page.GetByTestId("under-licensed-link").ClickAsync();

        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/clients\\?status=under-licensed"));
        var first = page.GetByTestId("client-detail-link").First;
        // Other tests take snapshots and fix under-licensed clients of their own while this one runs: the list follows
        // the latest snapshot, so it is read again until it shows a client.
        await Eventually.UntilAsync(async () =>
        {
            if (await page.GetByTestId("client-detail-link").CountAsync() > 0)
            {
                return true;
            }
            await page.ReloadAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            return await page.GetByTestId("client-detail-link").CountAsync() > 0;
        }, "an under-licensed client in the list", TimeSpan.FromMinutes(2));
        var name = (await first.InnerTextAsync()).Trim();
        await first.ClickAsync();
        await page.GetByTestId("client-detail").WaitForAsync();
        await page.GetByTestId("client-detail-scope").ClickAsync();
        await Assertions.Expect(page.GetByTestId("client-scope-name")).ToHaveTextAsync(name);

        await page.GotoAsync(Url("subscriptions"));
        await page.GetByTestId("subscription-row").First.WaitForAsync();
        await Eventually.UntilAsync(async () => (await page.GetByTestId("subscription-client").AllInnerTextsAsync())
            .All(client => client.Trim() == name), $"only {name}'s subscriptions to be listed", TimeSpan.FromMinutes(1));
        await ShotAsync(page, "subscriptions-scoped-to-client.png");

        // The scope belongs to the session: clear it so the other tests see the whole organization.
        await page.GetByTestId("client-scope-clear").ClickAsync();
        await Assertions.Expect(page.GetByTestId("client-scope-open")).ToBeVisibleAsync();
    }

    /// <summary>
    /// The reconciliation drill-down of a client under-licensed on one of its products (not one with devices and no
    /// per-device product at all), once the demo world's comparison has one.
    /// </summary>
    internal static async Task<JsonElement> UnderOnAProductAsync(HttpClient api)
    {
        static bool UnderOnAProduct(JsonElement client) => client.GetProperty("products").EnumerateArray()
            .Any(product => product.GetProperty("status").GetString() == "under-licensed");
        var under = await Eventually.ReturnsAsync(
            () => api.GetFromJsonAsync<JsonElement>("/api/reconciliation/clients?status=under-licensed&pageSize=200"),
            list => list.GetProperty("items").EnumerateArray().Any(UnderOnAProduct),
            "a client under-licensed on one of its products", TimeSpan.FromMinutes(4));
        var clientId = under.GetProperty("items").EnumerateArray().First(UnderOnAProduct).GetProperty("clientId").GetGuid();
        return await api.GetFromJsonAsync<JsonElement>($"/api/reconciliation/clients/{clientId}");
    }

    [SystemFact]
    public async Task An_under_licensed_clients_drill_down_lists_each_covering_product_with_its_own_variance()
    {
        await Fixture.System.WaitForStateAsync("demo-seeder", KnownResourceStates.Finished, TimeSpan.FromMinutes(8));
        using var api = Fixture.System.CreateGatewayClient();
        var detail = await UnderOnAProductAsync(api);
        var clientId = detail.GetProperty("clientId").GetGuid();
        var products = detail.GetProperty("products").EnumerateArray().ToList();
        // The row's variance is its least-covered product's, never devices − a sum of different products' seats.
        detail.GetProperty("variance").GetInt32().ShouldBe(products
            .Where(product => product.GetProperty("covers").GetString() != "users")
            .Max(product => product.GetProperty("variance").GetInt32()));

        var page = await SignedInPageAsync($"reconciliation/{clientId}");

        await Assertions.Expect(page.GetByTestId("reconciliation-client-product")).ToHaveCountAsync(products.Count);
        var names = await page.GetByTestId("reconciliation-client-product-name").AllInnerTextsAsync();
        names.Select(name => name.Trim()).ShouldBe(products.Select(product => product.GetProperty("productName").GetString()));
        await ShotAsync(page, "reconciliation-client-products.png");
    }
}

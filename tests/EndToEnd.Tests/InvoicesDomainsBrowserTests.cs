using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aspire.Hosting.ApplicationModel;
using BillingOne.SystemDriver;
using BillingOne.Testing;
using Microsoft.Playwright;
using Shouldly;

namespace BillingOne.EndToEnd.Tests;

/// <summary>
/// The invoice and domain side of the default run in a browser: the Invoices page and Domains &amp; Hosting filled by
/// the seeder's Xero and Synergy syncs.
/// </summary>
[Collection(RunningSystemCollection.Name)]
[Trait("Category", "Browser")]
public sealed class InvoicesDomainsBrowserTests(SystemFixture fixture) : BrowserTest(fixture)
{
    /// <summary>
    /// The app as Aspire names its address (localhost): the one Xero's redirect URI is registered with, so a session
    /// started there is still there when Xero sends the browser back.
    /// </summary>
    private Uri AppOrigin => new UriBuilder(Fixture.System.Gateway) { Host = "localhost" }.Uri;

    /// <summary>The demo seeder connects Xero and syncs Xero and Synergy; this waits for their data.</summary>
    private async Task WaitForInvoicesAndDomainsAsync()
    {
        await Fixture.System.WaitForStateAsync("demo-seeder", KnownResourceStates.Finished, TimeSpan.FromMinutes(8));
        using var api = Fixture.System.CreateGatewayClient();
        await Eventually.UntilAsync(async () =>
            (await api.GetFromJsonAsync<JsonElement>("/api/invoice/invoices?pageSize=1")).GetProperty("totalCount").GetInt64() > 0 &&
            (await api.GetFromJsonAsync<JsonElement>("/api/reconciliation/domains?pageSize=1")).GetProperty("totalCount").GetInt64() > 0,
            "the sandbox's invoices and domains to be synced", TimeSpan.FromMinutes(3));
    }

    private Task<IPage> SignedInPageAsync(string path) => SignedInPageAsync(Fixture.System.Gateway, path);

    [SystemFact]
    public async Task Invoices_are_searched_show_status_badges_and_open_a_detail_with_line_items()
    {
        await WaitForInvoicesAndDomainsAsync();
        var page = await SignedInPageAsync("invoices");
        await page.GetByTestId("invoice-row").First.WaitForAsync();
        (await page.GetByTestId("invoice-status").First.InnerTextAsync()).Trim().ShouldNotBeEmpty();
        var number = (await page.GetByTestId("invoice-number").First.InnerTextAsync()).Trim();

        await page.GetByTestId("invoice-search").FillAsync(number);
        await page.GetByTestId("invoice-search").PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("invoice-row")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("invoice-number").First).ToHaveTextAsync(number);
        await page.GetByTestId("invoice-open").First.ClickAsync();

        await page.GetByTestId("invoice-detail-panel").WaitForAsync();
        await Assertions.Expect(page.GetByTestId("invoice-detail-number")).ToContainTextAsync(number);
        (await page.GetByTestId("invoice-line").CountAsync()).ShouldBeGreaterThan(0, await page.ContentAsync());
        await ShotAsync(page, "invoices-detail.png");
    }

    [SystemFact]
    public async Task An_unmapped_invoice_s_fix_it_link_opens_the_client_mappings_filtered_to_its_contact()
    {
        await WaitForInvoicesAndDomainsAsync();
        // Xero invoices only: SuperOps contacts have their own mappings tab.
        var page = await SignedInPageAsync("invoices?unmapped=true&source=xero");
        var fix = page.GetByTestId("invoice-fix-mapping").First;
        await fix.WaitForAsync();
        var contact = (await page.GetByTestId("invoice-contact").First.InnerTextAsync()).Trim();
        // The contacts reach the client mappings by an event at the end of the Xero sync (VendorAccountsSnapshotted),
        // which right after the demo seeding waits behind the seeding's own messages.
        using (var api = Fixture.System.CreateGatewayClient())
        {
            await Eventually.UntilAsync(async () => (await api.GetFromJsonAsync<JsonElement>(
                    $"/api/subscription/mappings?vendor=xero&pageSize=1&search={Uri.EscapeDataString(contact)}"))
                .GetProperty("totalCount").GetInt64() > 0, $"{contact} among the Xero contacts to map", TimeSpan.FromMinutes(3));
        }

        await fix.ClickAsync();

        await page.WaitForURLAsync(new Regex("/clients/mappings\\?"));
        page.Url.ShouldContain("vendor=xero");
        (await page.GetByTestId("mapping-search").InputValueAsync()).ShouldBe(contact);
        await Assertions.Expect(page.GetByTestId("mapping-row").First).ToContainTextAsync(contact);
    }

    [SystemFact]
    public async Task Xero_is_disconnected_and_connected_again_from_Settings_through_its_consent_page()
    {
        await WaitForInvoicesAndDomainsAsync();
        var page = await SignedInPageAsync(AppOrigin, "settings/integrations");
        await Assertions.Expect(page.GetByTestId("xero-connection-status")).ToHaveTextAsync("Connected");

        await page.GetByTestId("xero-disconnect").ClickAsync();
        await page.GetByTestId("xero-disconnect-confirm-yes").ClickAsync();
        await Assertions.Expect(page.GetByTestId("xero-connection-status")).ToHaveTextAsync("Not connected");
        await page.GetByTestId("xero-connect").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Allow access" }).ClickAsync();

        await page.WaitForURLAsync(new Regex("/settings/integrations\\?xero="));
        page.Url.ShouldNotContain("xero=error", Case.Sensitive, page.Url);
        if (page.Url.Contains("xero=choose-tenant", StringComparison.Ordinal))
        {
            await page.GetByTestId("xero-tenant-select").SelectOptionAsync(new SelectOptionValue { Index = 0 });
            await page.GetByTestId("xero-tenant-save").ClickAsync();
        }
        await Assertions.Expect(page.GetByTestId("xero-connection-status")).ToHaveTextAsync("Connected");
        await ShotAsync(page, "settings-xero-connected.png");
        using var api = Fixture.System.CreateGatewayClient();
        (await api.GetFromJsonAsync<JsonElement>("/api/invoice/xero/connection")).GetProperty("status").GetString().ShouldBe("connected");
    }

    [SystemFact]
    public async Task Domains_and_hosting_show_each_tab_and_search_narrows_the_domains()
    {
        await WaitForInvoicesAndDomainsAsync();
        var page = await SignedInPageAsync("domains-hosting");

        foreach (var tab in new[] { "domains", "hosting", "ssl" })
        {
            await page.GetByTestId($"domains-hosting-tab-{tab}").ClickAsync();
            await Assertions.Expect(page.GetByTestId($"domains-hosting-tab-{tab}")).ToHaveAttributeAsync("aria-current", "page");
            await page.GetByTestId("domains-hosting-row").First.WaitForAsync();
        }

        await page.GetByTestId("domains-hosting-tab-domains").ClickAsync();
        await page.GetByTestId("domains-hosting-row").First.WaitForAsync();
        var name = (await page.GetByTestId("domains-hosting-name").First.InnerTextAsync()).Trim();
        await page.GetByTestId("domains-hosting-search").FillAsync(name);
        await page.GetByTestId("domains-hosting-search").PressAsync("Enter");
        // The first row matched before the search too: wait until every row shown does.
        await Eventually.UntilAsync(async () => (await page.GetByTestId("domains-hosting-name").AllInnerTextsAsync())
            .All(shown => shown.Contains(name, StringComparison.OrdinalIgnoreCase)), $"only {name} to be listed",
            TimeSpan.FromMinutes(1));

        await ShotAsync(page, "domains-hosting-search.png");
    }
}

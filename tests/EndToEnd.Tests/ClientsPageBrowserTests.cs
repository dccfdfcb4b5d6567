using System.Net;
using System.Net.Http.Json;
using BillingOne.Testing;
using Microsoft.Playwright;
using Shouldly;

namespace BillingOne.EndToEnd.Tests;

/// <summary>The Clients page in Debian's chromium, served through the gateway like a user sees it.</summary>
[Collection(RunningSystemCollection.Name)]
public sealed class ClientsPageBrowserTests(SystemFixture fixture) : IAsyncLifetime
{
    private IPlaywright playwright = null!;
    private IBrowser browser = null!;

    public async Task InitializeAsync()
    {
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }

    [Fact]
    public async Task A_client_created_through_the_api_is_listed_on_the_clients_page()
    {
        var name = $"Browser API {Guid.NewGuid():N}"[..24];
        using var gateway = fixture.System.CreateGatewayClient();
        using var created = await gateway.PostAsJsonAsync("/api/subscription/clients", new { name });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);

        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(fixture.System.Gateway, $"clients?search={Uri.EscapeDataString(name)}").ToString());
        await page.GetByTestId("clients").WaitForAsync();

        // The read model follows the subscription service by an event: refresh until it has caught up.
        await Eventually.AssertAsync(async () =>
        {
            await page.GetByTestId("clients-refresh").ClickAsync();
            var names = await page.GetByTestId("client-name").AllInnerTextsAsync();
            names.ShouldContain(name);
        });
        (await page.GetByTestId("page-title").InnerTextAsync()).ShouldBe("Clients");
        (await page.GetByTestId("client-row").First.GetByTestId("client-status").InnerTextAsync()).ShouldBe("No data");
    }

    [Fact]
    public async Task A_client_added_with_the_form_appears_and_an_empty_name_shows_the_validation_error()
    {
        var name = $"Browser Form {Guid.NewGuid():N}"[..25];
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(fixture.System.Gateway, "clients").ToString());
        await page.GetByTestId("client-create-form").WaitForAsync();

        await page.GetByTestId("client-create-submit").ClickAsync();
        await page.GetByTestId("client-create-name-errors").WaitForAsync();
        (await page.GetByTestId("client-create-name-errors").InnerTextAsync()).ShouldNotBeNullOrWhiteSpace();

        await page.GetByTestId("client-create-name").FillAsync(name);
        await page.GetByTestId("client-create-submit").ClickAsync();
        // Narrow the list to the new client: earlier runs may have filled the first page.
        await page.GetByTestId("client-search").FillAsync(name);
        await page.GetByTestId("client-search").PressAsync("Enter");
        await Eventually.AssertAsync(async () =>
        {
            var names = await page.GetByTestId("client-name").AllInnerTextsAsync();
            names.ShouldContain(name);
        });
    }
}

using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using BillingOne.SystemDriver;
using Microsoft.Playwright;
using Shouldly;

namespace BillingOne.EndToEnd.Tests;

/// <summary>
/// Coverage per product beyond Reconciliation (docs/domain.md "Licences: coverage per product"): on the demo world, the
/// Clients list (a client's row opened) and the client detail list every covering product of a client under-licensed on
/// one of them, with its own covered devices, licences and variance, as reconciliation computes them.
/// </summary>
[Collection(RunningSystemCollection.Name)]
[Trait("Category", "Browser")]
public sealed class ClientsBrowserTests(SystemFixture fixture) : BrowserTest(fixture)
{
    [SystemFact]
    public async Task Clients_and_client_detail_show_each_covering_product_with_its_own_coverage()
    {
        await Fixture.System.WaitForStateAsync("demo-seeder", KnownResourceStates.Finished, TimeSpan.FromMinutes(8));
        using var api = Fixture.System.CreateGatewayClient();
        var detail = await ReconciliationBrowserTests.UnderOnAProductAsync(api);
        var clientId = detail.GetProperty("clientId").GetGuid();
        var name = detail.GetProperty("clientName").GetString().ShouldNotBeNull();
        var products = detail.GetProperty("products").EnumerateArray().ToList();
        var expected = products.Select(product => (
            product.GetProperty("productName").GetString(),
            product.GetProperty("variance").ValueKind == JsonValueKind.Number
                ? product.GetProperty("variance").GetInt32() : (int?)null)).ToList();

        var page = await SignedInPageAsync(Fixture.System.Gateway, $"clients?search={Uri.EscapeDataString(name)}");
        var row = page.Locator($"[data-testid=client-row][data-client-id='{clientId}']");
        await row.GetByTestId("client-products-toggle").ClickAsync();
        await ShouldListAsync(page.GetByTestId("client-products-row"), "client-product", expected);
        await ShotAsync(page, "clients-products.png");

        await page.GotoAsync(new Uri(Fixture.System.Gateway, $"clients/{clientId}").ToString());
        await ShouldListAsync(page.GetByTestId("client-detail-products"), "client-detail-product", expected);
        await ShotAsync(page, "client-detail-products.png");
    }

    /// <summary>One row per product, in the API's order, each with its name and its own variance; one is under-licensed.</summary>
    private static async Task ShouldListAsync(ILocator section, string testId,
        IReadOnlyList<(string? Name, int? Variance)> expected)
    {
        await Assertions.Expect(section.GetByTestId(testId)).ToHaveCountAsync(expected.Count, new() { Timeout = 30_000 });
        (await section.GetByTestId($"{testId}-name").AllInnerTextsAsync()).Select(text => text.Trim())
            .ShouldBe(expected.Select(product => product.Name));
        // The UI signs a variance (+3, −2, 0) and writes "—" without one.
        (await section.GetByTestId($"{testId}-variance").AllInnerTextsAsync())
            .Select(text => text.Trim() is "—" ? (int?)null
                : int.Parse(text.Trim().Replace("−", "-", StringComparison.Ordinal).Replace("+", "", StringComparison.Ordinal)
                    .Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture))
            .ShouldBe(expected.Select(product => product.Variance));
        (await section.GetByTestId($"{testId}-status").AllInnerTextsAsync())
            .ShouldContain(status => status.Contains("Under", StringComparison.OrdinalIgnoreCase));
    }
}

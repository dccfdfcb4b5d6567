using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using BillingOne.Testing;
using Microsoft.Playwright;
using Shouldly;

namespace BillingOne.EndToEnd.Tests;

/// <summary>
/// The metering analytics pages in a browser over the default run: the seeder's month of readings becomes the current
/// period's projections, and the month it bills and finalizes becomes Over/Under's period and a bucket's billing
/// history. A client without usage shows each page's empty state.
/// </summary>
[Collection(RunningSystemCollection.Name)]
[Trait("Category", "Browser")]
public sealed class MeteringAnalyticsBrowserTests(SystemFixture fixture) : BrowserTest(fixture)
{
    private string Url(string relative) => new Uri(Fixture.System.Gateway, relative).ToString();

    private Task<IPage> SignedInPageAsync(string path) => SignedInPageAsync(Fixture.System.Gateway, path);

    [SystemFact]
    public async Task The_dashboard_projections_over_under_and_a_clients_buckets_show_the_usage_with_their_charts()
    {
        await Fixture.System.WaitForStateAsync("demo-seeder", KnownResourceStates.Finished, TimeSpan.FromMinutes(8));
        using var api = Fixture.System.CreateGatewayClient();
        var projected = await Eventually.ReturnsAsync(
            () => api.GetFromJsonAsync<JsonElement>("/api/projection/usage-projections?pageSize=1"),
            page => page.GetProperty("totalCount").GetInt32() > 0, "the seeded usage to be projected", TimeSpan.FromMinutes(4));
        await Eventually.ReturnsAsync(
            () => api.GetFromJsonAsync<JsonElement>("/api/projection/over-under/summary"),
            summary => summary.GetProperty("period").ValueKind == JsonValueKind.String,
            "the finalized month's observations", TimeSpan.FromMinutes(4));

        var page = await SignedInPageAsync("");
        await Assertions.Expect(page.GetByTestId("projected-revenue-value")).ToBeVisibleAsync();
        await page.GetByTestId("top-client-row").First.WaitForAsync();
        (await page.GetByTestId("top-client-share-bar").CountAsync()).ShouldBeGreaterThan(0);
        await ShotAsync(page, "dashboard-usage-billing.png");

        await page.GotoAsync(Url("metering/projections"));
        await page.GetByTestId("projections-row").First.WaitForAsync();
        await page.GetByTestId("projections-backtest-chart").WaitForAsync();
        await ShotAsync(page, "metering-projections.png");

        await page.GotoAsync(Url("metering/over-under"));
        await page.GetByTestId("over-under-row").First.WaitForAsync();
        await page.GetByTestId("over-under-trend-chart").WaitForAsync();
        await page.GetByTestId("unit-type-row").First.WaitForAsync();
        (await page.GetByTestId("unit-types-delta-header").GetAttributeAsync("title")).ShouldNotBeNullOrWhiteSpace();
        await ShotAsync(page, "metering-over-under.png");

        var clientId = projected.GetProperty("items")[0].GetProperty("clientId").GetGuid();
        await page.GotoAsync(Url($"clients/{clientId}"));
        await page.GetByTestId("client-bucket-row").First.WaitForAsync();
        await page.GetByTestId("client-bucket-history-toggle").First.ClickAsync();
        await page.GetByTestId("bucket-billing-chart").WaitForAsync();
        await ShotAsync(page, "client-billing-buckets.png");
    }

    [SystemFact]
    public async Task A_client_without_usage_shows_each_pages_empty_state_in_its_scope()
    {
        var name = $"No Usage {Guid.NewGuid():N}"[..20];
        using var api = Fixture.System.CreateGatewayClient();
        using var created = await api.PostAsJsonAsync("/api/subscription/clients", new { name });
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var clientId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Eventually.UntilAsync(async () =>
        {
            using var snapshot = await api.GetAsync($"/api/projection/clients/{clientId}");
            return snapshot.StatusCode == HttpStatusCode.OK;
        }, "the client's read model", TimeSpan.FromMinutes(2));

        var page = await SignedInPageAsync($"clients/{clientId}");
        await Assertions.Expect(page.GetByTestId("client-buckets-empty")).ToContainTextAsync("No billing buckets");
        await page.GetByTestId("client-detail-scope").ClickAsync();
        await Assertions.Expect(page.GetByTestId("client-scope-name")).ToHaveTextAsync(name);
        try
        {
            await page.GotoAsync(Url(""));
            await Assertions.Expect(page.GetByTestId("top-clients-empty")).ToContainTextAsync("No projections");
            await Assertions.Expect(page.GetByTestId("client-status-empty")).ToContainTextAsync("No projections");
            await Assertions.Expect(page.GetByTestId("revenue-by-source-type-empty")).ToContainTextAsync("No projections");
            await Assertions.Expect(page.GetByTestId("average-revenue-empty")).ToContainTextAsync("No billing history");
            await ShotAsync(page, "dashboard-usage-billing-empty.png");

            await page.GotoAsync(Url("metering/projections"));
            await Assertions.Expect(page.GetByTestId("projections-empty")).ToContainTextAsync("No projections");

            await page.GotoAsync(Url("metering/over-under"));
            await Assertions.Expect(page.GetByTestId("over-under-no-readings"))
                .ToHaveTextAsync("No billing readings found for this period.");
            await ShotAsync(page, "metering-over-under-empty.png");
        }
        finally
        {
            // The scope belongs to the session: clear it so the other tests see the whole organization.
            await page.GetByTestId("client-scope-clear").ClickAsync();
            await Assertions.Expect(page.GetByTestId("client-scope-open")).ToBeVisibleAsync();
        }
    }
}

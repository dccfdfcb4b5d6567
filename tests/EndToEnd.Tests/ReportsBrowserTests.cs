using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using BillingOne.Testing;
using Microsoft.Playwright;
using Shouldly;

namespace BillingOne.EndToEnd.Tests;

/// <summary>
/// The Reports screen in a browser over the default run: the sandbox's Xero invoices, synced by the demo seeder, fill
/// each report of a period that holds them with a chart and a table; a client without invoices or usage, in its scope,
/// shows each report's empty state.
/// </summary>
[Collection(RunningSystemCollection.Name)]
[Trait("Category", "Browser")]
public sealed class ReportsBrowserTests(SystemFixture fixture) : BrowserTest(fixture)
{
    private string Url(string relative) => new Uri(Fixture.System.Gateway, relative).ToString();

    private Task<IPage> SignedInPageAsync(string path) => SignedInPageAsync(Fixture.System.Gateway, path);

    [SystemFact]
    public async Task Each_report_of_a_period_with_invoices_shows_its_chart_its_table_and_an_export()
    {
        await Fixture.System.WaitForStateAsync("demo-seeder", KnownResourceStates.Finished, TimeSpan.FromMinutes(8));
        using var api = Fixture.System.CreateGatewayClient();
        // The longest range a report takes (36 calendar months) up to today: whatever months the sandbox's invoices
        // fall in.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var range = $"from={Day(new DateOnly(today.Year, today.Month, 1).AddMonths(-35))}&to={Day(today)}";
        var revenue = await Eventually.ReturnsAsync(
            () => api.GetFromJsonAsync<JsonElement>($"/api/projection/reports/revenue-by-client?{range}"),
            report => report.GetProperty("table").GetProperty("totalCount").GetInt32() > 0,
            "the synced invoices in the revenue report", TimeSpan.FromMinutes(4));
        var clients = revenue.GetProperty("table").GetProperty("totalCount").GetInt32();
        // Revenue has rows from MRR alone; payments need invoices of mapped contacts, which the Xero sync brings later.
        await Eventually.ReturnsAsync(
            () => api.GetFromJsonAsync<JsonElement>($"/api/projection/reports/payments?{range}"),
            report => report.GetProperty("table").GetProperty("totalCount").GetInt32() > 0,
            "the synced invoices of mapped contacts in the payments report", TimeSpan.FromMinutes(4));

        var page = await SignedInPageAsync($"reports?report=revenue-by-client&{range}");
        await page.GetByTestId("revenue-row").First.WaitForAsync();
        (await page.GetByTestId("revenue-chart").Locator("[data-testid=revenue-chart-bar]").CountAsync())
            .ShouldBeGreaterThan(0);
        (await page.GetByTestId("report-export").GetAttributeAsync("href")).ShouldNotBeNull()
            .ShouldContain("revenue-by-client");
        // Synced invoices may still be arriving, so the page holds at least the clients the API had a moment ago.
        (await page.GetByTestId("revenue-row").CountAsync()).ShouldBeInRange(Math.Min(clients, 25), 25,
            "a page of the API's rows");
        await ShotAsync(page, "reports-revenue.png");

        await page.GetByTestId("report-tab-payments").ClickAsync();
        await page.GetByTestId("payment-row").First.WaitForAsync();
        await page.GetByTestId("payment-chart").WaitForAsync();
        await ShotAsync(page, "reports-payments.png");

        await page.GetByTestId("report-tab-financial-summary").ClickAsync();
        await page.GetByTestId("summary-row").First.WaitForAsync();
        await page.GetByTestId("summary-chart").WaitForAsync();
        await ShotAsync(page, "reports-financial-summary.png");

        await page.GetByTestId("report-tab-subscriptions").ClickAsync();
        await page.GetByTestId("subscription-month-row").First.WaitForAsync();
        await page.GetByTestId("subscription-chart").WaitForAsync();
        await page.GetByTestId("subscription-product-row").First.WaitForAsync();
        await page.GetByTestId("subscription-term-row").First.WaitForAsync();
        await ShotAsync(page, "reports-subscriptions.png");

        // The picker: a whole year asked for by hand lands in the address and names the period.
        await page.GetByTestId("report-period-kind").SelectOptionAsync("year");
        await page.GetByTestId("report-year").FillAsync(today.Year.ToString(CultureInfo.InvariantCulture));
        await page.GetByTestId("report-show").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(
            $"period={today.Year}"));
        await Assertions.Expect(page.GetByTestId("report-period-caption"))
            .ToContainTextAsync(today.Year.ToString(CultureInfo.InvariantCulture));
    }

    [SystemTheory]
    [InlineData("quarter")]
    [InlineData("year")]
    [InlineData("month")]
    public async Task Each_period_kind_shows_its_report_and_prints_with_every_header_and_the_period_in_the_title(string kind)
    {
        var page = await SignedInPageAsync("reports?report=revenue-by-client");
        await page.GetByTestId("report-period-caption").WaitForAsync();

        // Switched to without typing: the kind starts from the period shown.
        await page.GetByTestId("report-period-kind").SelectOptionAsync(kind);
        await page.GetByTestId("report-show").ClickAsync();

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var period = kind switch
        {
            "quarter" => $"{today.Year}-Q{(today.Month + 2) / 3}",
            "year" => today.Year.ToString(CultureInfo.InvariantCulture),
            _ => today.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        };
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"period={period}&"));
        await Assertions.Expect(page.GetByTestId("report-period-caption")).ToContainTextAsync(period);
        (await page.GetByTestId("report-error").CountAsync()).ShouldBe(0);
        await Assertions.Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex(
            $"^Revenue by client · {period} \\(.+\\) · BillingOne$"));

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.GetByTestId("print-title")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("report-period-kind")).ToBeHiddenAsync();
        if (await page.GetByTestId("revenue-table").CountAsync() > 0)
        {
            var headers = await page.GetByTestId("revenue-table").Locator("th").AllInnerTextsAsync();
            // As printed: the stylesheet sets headers in capitals.
            headers.Select(header => header.Trim()).ShouldBe(
                ["Client", "Currency", "Invoices", "Invoiced", "Usage Billed", "MRR at End"], Case.Insensitive);
        }
        await ShotAsync(page, $"reports-print-{kind}.png");
    }

    [SystemFact]
    public async Task A_client_without_invoices_or_usage_shows_each_reports_empty_state_in_its_scope()
    {
        var name = $"No Revenue {Guid.NewGuid():N}"[..22];
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
        await page.GetByTestId("client-detail-scope").ClickAsync();
        await Assertions.Expect(page.GetByTestId("client-scope-name")).ToHaveTextAsync(name);
        try
        {
            await page.GotoAsync(Url("reports?report=revenue-by-client"));
            await Assertions.Expect(page.GetByTestId("report-empty")).ToContainTextAsync("No revenue in this period.");
            await page.GetByTestId("report-tab-payments").ClickAsync();
            await Assertions.Expect(page.GetByTestId("report-empty")).ToContainTextAsync("No invoices issued in this period.");
            await page.GetByTestId("report-tab-financial-summary").ClickAsync();
            await Assertions.Expect(page.GetByTestId("report-empty"))
                .ToContainTextAsync("No invoices, MRR or usage billing in this period.");
            await page.GetByTestId("report-tab-subscriptions").ClickAsync();
            await Assertions.Expect(page.GetByTestId("report-empty"))
                .ToContainTextAsync("No subscriptions started, ended or live in this period.");
            await ShotAsync(page, "reports-empty.png");
        }
        finally
        {
            // The scope belongs to the session: clear it so the other tests see the whole organization.
            await page.GetByTestId("client-scope-clear").ClickAsync();
            await Assertions.Expect(page.GetByTestId("client-scope-open")).ToBeVisibleAsync();
        }
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

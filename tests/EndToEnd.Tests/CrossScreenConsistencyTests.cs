using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Shouldly;

namespace BillingOne.EndToEnd.Tests;

/// <summary>
/// One figure, one definition (docs/domain.md, "One figure, one definition"): on the demo world, once its syncs and
/// seeded billing have settled, every figure that shows on more than one screen has the same value on each, read
/// through the gateway APIs those screens call. It fails as soon as any pair drifts.
/// </summary>
[Collection(RunningSystemCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class CrossScreenConsistencyTests(SystemFixture fixture)
{
    /// <summary>Between two readings of every screen: events still arriving settle, and the admin key keeps its budget.</summary>
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    [SystemFact]
    public async Task Every_figure_shown_on_several_screens_has_the_same_value_on_each()
    {
        (await fixture.System.WaitForStateAsync("demo-seeder", KnownResourceStates.Finished, TimeSpan.FromMinutes(8)))
            .ExitCode.ShouldBe(0, fixture.System.Output);
        using var api = fixture.System.CreateGatewayClient();

        await SettledAsync(() => MrrAgreesAsync(api));
        await SettledAsync(() => InvoicedAgreesAsync(api));
        await SettledAsync(() => MissedBillingAgreesAsync(api));
        await SettledAsync(() => BillingTotalsAgreeAsync(api));
        await SettledAsync(() => BucketStatusesAgreeAsync(api));
        await SettledAsync(() => ClientFiltersAddUpAsync(api));
    }

    /// <summary>
    /// Dashboard MRR (all active subscriptions) = its trend's current month = Σ Clients' MRR (enabled clients, the
    /// dashboard's currency) + the unmapped companies' MRR = Financial summary's MRR at the end of this month =
    /// Subscription analytics' MRR at its end.
    /// </summary>
    private static async Task MrrAgreesAsync(HttpClient api)
    {
        var dashboard = await GetAsync(api, "/api/projection/dashboard");
        var currency = dashboard.GetProperty("currency").GetString().ShouldNotBeNull("the demo world has MRR");
        var mrr = dashboard.GetProperty("mrr").GetDecimal();
        mrr.ShouldBeGreaterThan(0m);
        dashboard.GetProperty("mrrTrend").EnumerateArray().Last().GetProperty("amount").GetDecimal()
            .ShouldBe(mrr, "dashboard MRR vs its trend's current month");

        var unmapped = dashboard.GetProperty("unmappedMrr").GetDecimal();
        unmapped.ShouldBeGreaterThanOrEqualTo(0m);
        dashboard.GetProperty("clientsMrr").GetDecimal().ShouldBe(mrr - unmapped, "dashboard MRR vs clients + unmapped");

        var clients = await AllItemsAsync(api, "/api/projection/clients?sort=name");
        (clients.Where(client => client.GetProperty("enabled").GetBoolean()
                && client.GetProperty("mrr").GetProperty("currency").GetString() == currency)
            .Sum(client => client.GetProperty("mrr").GetProperty("amount").GetDecimal()) + unmapped)
            .ShouldBe(mrr, "dashboard MRR vs Σ Clients' MRR + unmapped");

        var month = DateTime.UtcNow.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var summary = await GetAsync(api, $"/api/projection/reports/financial-summary?period={month}");
        MonthIn(summary, month, currency).GetProperty("mrrAtEnd").GetDecimal()
            .ShouldBe(mrr, "dashboard MRR vs the Financial summary's MRR at end");
        var analytics = await GetAsync(api, $"/api/projection/reports/subscriptions?period={month}");
        MonthIn(analytics, month, currency).GetProperty("mrrAtEnd").GetDecimal()
            .ShouldBe(mrr, "dashboard MRR vs Subscription analytics' MRR at end");
    }

    /// <summary>
    /// Over every month a report takes up to today: Revenue by client's invoiced (its Unmapped line included) = Payment
    /// tracking's = the Financial summary's, per currency, and the rows add up to the totals.
    /// </summary>
    private static async Task InvoicedAgreesAsync(HttpClient api)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var range = $"from={Day(new DateOnly(today.Year, today.Month, 1).AddMonths(-35))}&to={Day(today)}";
        var summary = Totals(await GetAsync(api, $"/api/projection/reports/financial-summary?{range}"), "invoiced");
        summary.Values.Sum().ShouldBeGreaterThan(0m, "the demo world's invoices");

        var revenue = await GetAsync(api, $"/api/projection/reports/revenue-by-client?{range}&pageSize=200");
        Totals(revenue, "invoiced").ShouldBe(summary, "Revenue by client vs the Financial summary, invoiced");
        var rows = await AllItemsAsync(api, $"/api/projection/reports/revenue-by-client?{range}", "table");
        rows.GroupBy(row => row.GetProperty("currency").GetString()!)
            .Where(currency => currency.Any(row => row.GetProperty("invoiced").GetDecimal() != 0m))
            .ToDictionary(currency => currency.Key, currency => currency.Sum(row => row.GetProperty("invoiced").GetDecimal()))
            .ShouldBe(summary, "Revenue by client's rows vs the Financial summary, invoiced");

        var payments = await GetAsync(api, $"/api/projection/reports/payments?{range}&pageSize=1");
        Totals(payments, "invoiced").ShouldBe(summary, "Payment tracking vs the Financial summary, invoiced");
    }

    /// <summary>
    /// Open missed billing per currency: the Missed billing page's card = Σ its open opportunities = Σ the
    /// Reconciliation list's "Missed / month" = Σ the clients' open missed billing (Clients, client detail).
    /// </summary>
    private static async Task MissedBillingAgreesAsync(HttpClient api)
    {
        var summary = await GetAsync(api, "/api/reconciliation/missed-billing/summary");
        var cards = summary.GetProperty("byCurrency").EnumerateArray()
            .Select(currency => (Currency: currency.GetProperty("currency").GetString()!,
                Amount: currency.GetProperty("open").GetProperty("amount").GetDecimal()))
            .Where(currency => currency.Amount != 0m)
            .ToDictionary(currency => currency.Currency, currency => currency.Amount);
        cards.Values.Sum().ShouldBeGreaterThan(0m, "the demo world's missed billing");
        var currency = summary.GetProperty("currency").GetString()!;
        summary.GetProperty("open").GetProperty("amount").GetDecimal().ShouldBe(cards[currency], "the open card");

        var opportunities = await AllItemsAsync(api, "/api/reconciliation/missed-billing?state=open");
        SumByCurrency(opportunities, "currency", "amount").ShouldBe(cards, "the open opportunities vs the card");
        var reconciliation = await AllItemsAsync(api, "/api/reconciliation/clients?sort=client");
        SumByCurrency(reconciliation, "currency", "missedBillingMonthly")
            .ShouldBe(cards, "the Reconciliation list's missed / month vs the Missed billing card");
    }

    /// <summary>The latest finalized period: Billing Readings' period total = Σ its clients' totals = Over/Under's final cost.</summary>
    private static async Task BillingTotalsAgreeAsync(HttpClient api)
    {
        var overUnder = await GetAsync(api, "/api/projection/over-under/summary");
        var period = overUnder.GetProperty("period").GetString().ShouldNotBeNull("the seeded billing's finalized period");
        var currency = overUnder.GetProperty("currency").GetString()!;
        var finalCost = overUnder.GetProperty("finalCost").GetDecimal();
        finalCost.ShouldBeGreaterThan(0m);

        var periods = await AllItemsAsync(api, "/api/metering/billing-periods");
        var billed = periods.Single(row => row.GetProperty("period").GetString() == period);
        AmountIn(billed.GetProperty("totals"), currency).ShouldBe(finalCost, $"Billing Readings' {period} total vs Over/Under");
        var clients = await AllItemsAsync(api, $"/api/metering/billing-periods/{period}/clients");
        clients.Sum(client => AmountIn(client.GetProperty("totals"), currency))
            .ShouldBe(finalCost, $"Σ Billing Readings' clients of {period} vs Over/Under");
        var overUnderClients = await AllItemsAsync(api, $"/api/projection/over-under/clients?period={period}");
        overUnderClients.Where(client => client.GetProperty("currency").GetString() == currency)
            .Sum(client => client.GetProperty("finalCost").GetDecimal())
            .ShouldBe(finalCost, $"Σ Over/Under's clients of {period} vs its card");
    }

    /// <summary>
    /// "Status (current)" (Buckets, from the usage so far) is over exactly when the usage so far exceeds the commit;
    /// "Projected" is the same on the Projections page and on each client's detail.
    /// </summary>
    private static async Task BucketStatusesAgreeAsync(HttpClient api)
    {
        var buckets = await AllItemsAsync(api, "/api/metering/buckets?enabled=true");
        buckets.ShouldNotBeEmpty();
        foreach (var bucket in buckets.Where(bucket => bucket.GetProperty("usage").GetProperty("status").GetString() != "error"))
        {
            var usage = bucket.GetProperty("usage");
            usage.GetProperty("status").GetString().ShouldBe(
                usage.GetProperty("usage").GetDecimal() > bucket.GetProperty("commitUnits").GetDecimal() ? "over" : "on-track",
                $"bucket {bucket.GetProperty("name").GetString()}'s current status");
        }

        var projections = await AllItemsAsync(api, "/api/projection/usage-projections?sort=client");
        projections.ShouldNotBeEmpty();
        var projected = projections.ToDictionary(row => row.GetProperty("bucketId").GetGuid(),
            row => row.GetProperty("status").GetString());
        // A client's detail lists its buckets' projections: those of the clients with a bucket projected over, and one other.
        var clients = projections.Where(row => row.GetProperty("status").GetString() == "over-commit")
            .Select(row => row.GetProperty("clientId").GetGuid()).Distinct().Take(4)
            .Append(projections[0].GetProperty("clientId").GetGuid()).Distinct();
        foreach (var client in clients)
        {
            foreach (var row in await AllItemsAsync(api, $"/api/projection/usage-projections?clientId={client}"))
            {
                row.GetProperty("status").GetString()
                    .ShouldBe(projected[row.GetProperty("bucketId").GetGuid()], $"client {client}'s projected status");
            }
        }
    }

    /// <summary>Clients: each status filter (enabled clients) and the Disabled filter add up to All.</summary>
    private static async Task ClientFiltersAddUpAsync(HttpClient api)
    {
        async Task<long> CountAsync(string filter) =>
            (await GetAsync(api, $"/api/projection/clients?pageSize=1{filter}")).GetProperty("totalCount").GetInt64();
        var all = await CountAsync("");
        var filtered = 0L;
        foreach (var status in new[] { "matched", "under-licensed", "over-licensed", "no-data", "disabled" })
        {
            filtered += await CountAsync($"&status={status}");
        }
        filtered.ShouldBe(all, "the Clients filters vs All");
    }

    /// <summary>
    /// Runs <paramref name="comparison"/> until it holds: the world's syncs and billing settle by events. Each try reads
    /// every screen once, and tries are spaced so the admin key stays well within its per-minute budget.
    /// </summary>
    private static async Task SettledAsync(Func<Task> comparison)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                await comparison();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(Pause);
            }
        }
    }

    private static async Task<JsonElement> GetAsync(HttpClient api, string path) =>
        await api.GetFromJsonAsync<JsonElement>(path);

    /// <summary>Every item of a paged list, page by page (200 at a time); <paramref name="within"/> names a nested page.</summary>
    private static async Task<List<JsonElement>> AllItemsAsync(HttpClient api, string path, string? within = null)
    {
        var items = new List<JsonElement>();
        var separator = path.Contains('?') ? '&' : '?';
        for (var page = 1; ; page++)
        {
            var answer = await GetAsync(api, $"{path}{separator}page={page}&pageSize=200");
            var list = within is null ? answer : answer.GetProperty(within);
            items.AddRange(list.GetProperty("items").EnumerateArray());
            if (items.Count >= list.GetProperty("totalCount").GetInt64())
            {
                return items;
            }
        }
    }

    private static JsonElement MonthIn(JsonElement report, string month, string currency) =>
        report.GetProperty("months").EnumerateArray().Single(row =>
            row.GetProperty("month").GetString() == month && row.GetProperty("currency").GetString() == currency);

    /// <summary>A report's totals of one figure per currency, leaving out the currencies where it is 0.</summary>
    private static Dictionary<string, decimal> Totals(JsonElement report, string figure) =>
        report.GetProperty("totals").EnumerateArray()
            .Where(total => total.GetProperty(figure).GetDecimal() != 0m)
            .ToDictionary(total => total.GetProperty("currency").GetString()!, total => total.GetProperty(figure).GetDecimal());

    private static Dictionary<string, decimal> SumByCurrency(IEnumerable<JsonElement> rows, string currency, string amount) =>
        rows.Where(row => row.GetProperty(amount).ValueKind == JsonValueKind.Number && row.GetProperty(amount).GetDecimal() != 0m)
            .GroupBy(row => row.GetProperty(currency).GetString()!)
            .ToDictionary(group => group.Key, group => group.Sum(row => row.GetProperty(amount).GetDecimal()));

    private static decimal AmountIn(JsonElement totals, string currency) =>
        totals.EnumerateArray().Where(total => total.GetProperty("currency").GetString() == currency)
            .Sum(total => total.GetProperty("amount").GetDecimal());

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

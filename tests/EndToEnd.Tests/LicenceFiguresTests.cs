using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using BillingOne.Testing;
using Shouldly;

namespace BillingOne.EndToEnd.Tests;

/// <summary>
/// The licence side's numbers through the gateway on a hand-computed dataset added to the vendors' world: six clients
/// — matched, under-licensed (annual subscription), over-licensed (with a cancelled subscription and a retired device),
/// no data, devices without any subscription, and one whose Pax8 company is not mapped — synced, mapped and compared
/// as a person would, every figure below worked out by hand from the rules in docs/domain.md.
/// </summary>
[Collection(RunningSystemCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class LicenceFiguresTests(SystemFixture fixture)
{
    private const decimal DevicePrice = 12.00m;
    private const decimal UserPrice = 6.50m;

    [SystemFact]
    public async Task A_hand_computed_dataset_gives_exactly_the_expected_mrr_variance_statuses_cards_and_missed_billing()
    {
        await fixture.System.WaitForStateAsync("demo-seeder", KnownResourceStates.Finished, TimeSpan.FromMinutes(8));
        var callers = new GatewayCallers(fixture.System);
        var api = callers.Admin;
        var prefix = $"HC{Guid.NewGuid():N}"[..10];
        string Name(string client) => $"{prefix} {client}";
        var clients = new Dictionary<string, Guid>();
        foreach (var client in new[] { "Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot" })
        {
            clients[client] = await callers.CreateClientAsync(Name(client));
        }
        var added = await AddToSandboxAsync(Name);
        var deviceProduct = added.GetProperty("pax8Products")[0].GetProperty("id").GetGuid();

        await GatewayCallers.SyncAsync(api, "subscription", "pax8");
        await GatewayCallers.SyncAsync(api, "reconciliation", "rmm");
        var pax8 = await GatewayCallers.AccountsAsync(api, "pax8", prefix, 5);
        var rmm = await GatewayCallers.AccountsAsync(api, "rmm", prefix, 5);
        var mappings = new List<object>();
        foreach (var client in new[] { "Alpha", "Bravo", "Charlie", "Delta" })
        {
            mappings.Add(new { vendor = "pax8", externalId = pax8[Name(client)], clientId = clients[client] });
        }
        foreach (var client in new[] { "Alpha", "Bravo", "Charlie", "Echo", "Foxtrot" })
        {
            mappings.Add(new { vendor = "rmm", externalId = rmm[Name(client)], clientId = clients[client] });
        }
        using var applied = await api.PostAsJsonAsync("/api/subscription/mappings/apply", new { items = mappings });
        var results = await applied.ShouldBeJsonAsync<JsonElement>(HttpStatusCode.OK);
        results.GetProperty("results").EnumerateArray().Select(result => result.GetProperty("outcome").GetString())
            .ShouldAllBe(outcome => outcome == "applied" || outcome == "unchanged", results.ToString());

        // Alpha: 3 workstations + 2 servers; 5 device licences at 12.00 and 4 user licences at 6.50 a month: 86.00.
        // Bravo: 8 devices; 5 device licences on an annual term at 125.00 a year: 5 × 125 / 12 = 52.0833 → 52.08.
        // Charlie: 2 devices (a third retired); 4 device licences, and 10 more cancelled.
        // Delta: 3 user licences (19.50), no RMM organization. Echo: 4 devices, no Pax8 company.
        // Foxtrot: 3 devices; its Pax8 company (7 device licences) is mapped to nobody.
        var expected = new[]
        {
            new Row("Alpha", 5, 5, 0, "matched", 86.00m, 2),
            new Row("Bravo", 8, 5, 3, "under-licensed", 52.08m, 1),
            new Row("Charlie", 2, 4, -2, "over-licensed", 48.00m, 1),
            new Row("Delta", null, 0, null, "no-data", 19.50m, 1),
            new Row("Echo", 4, 0, 4, "under-licensed", 0.00m, 0),
            new Row("Foxtrot", 3, 0, 3, "under-licensed", 0.00m, 0),
        };
        var search = Uri.EscapeDataString(prefix);
        await Eventually.AssertAsync(async () =>
        {
            var rows = (await api.GetFromJsonAsync<JsonElement>($"/api/reconciliation/clients?search={search}&sort=client&direction=asc"))
                .GetProperty("items").EnumerateArray().ToList();
            rows.Select(row => (row.GetProperty("clientName").GetString(), NullableInt(row, "devices"),
                    row.GetProperty("licenses").GetInt32(), NullableInt(row, "variance"), row.GetProperty("status").GetString()))
                .ShouldBe(expected.Select(row => ((string?)Name(row.Client), row.Devices, row.Licenses, row.Variance, (string?)row.Status)));
        }, TimeSpan.FromMinutes(4));
        var summary = await api.GetFromJsonAsync<JsonElement>($"/api/reconciliation/clients/summary?search={search}");
        (summary.GetProperty("underLicensed").GetInt32(), summary.GetProperty("overLicensed").GetInt32(),
                summary.GetProperty("matched").GetInt32(), summary.GetProperty("noData").GetInt32())
            .ShouldBe((3, 1, 1, 1));
        var csv = await api.GetStringAsync($"/api/reconciliation/clients/export?search={search}&status=under-licensed");
        csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => line.Split(',')[1]).Order()
            .ShouldBe(new[] { "Bravo", "Echo", "Foxtrot" }.Select(Name));

        // Bravo: 3 unlicensed × the catalog's 12.00. Echo and Foxtrot have no device licence: their devices × the
        // organization's average device-licence price (4 decimals), every client's licences counted.
        await Eventually.AssertAsync(async () =>
        {
            var average = await AverageDeviceLicencePriceAsync(api);
            var opportunities = await OpenOpportunitiesAsync(api, search);
            opportunities.ShouldBe(new Dictionary<(string, string), decimal>
            {
                [("under-licensed", Name("Bravo"))] = 36.00m,
                [("unlicensed-devices", Name("Echo"))] = Amount(4 * average),
                [("unlicensed-devices", Name("Foxtrot"))] = Amount(3 * average),
            });
            var missed = await api.GetFromJsonAsync<JsonElement>($"/api/reconciliation/missed-billing/summary?search={search}");
            missed.GetProperty("open").GetProperty("count").GetInt32().ShouldBe(3);
            missed.GetProperty("open").GetProperty("amount").GetDecimal().ShouldBe(opportunities.Values.Sum());
        }, TimeSpan.FromMinutes(4));

        await Eventually.AssertAsync(async () => (await ClientsReadModelAsync(api, search))
            .ShouldBe(expected.Select(row => (Name(row.Client), row.Mrr, row.Subscriptions, row.Devices ?? 0, row.Licenses, row.Status))),
            TimeSpan.FromMinutes(4));
        var bravo = await api.GetFromJsonAsync<JsonElement>($"/api/projection/clients/{clients["Bravo"]}");
        (bravo.GetProperty("variance").GetInt32(), bravo.GetProperty("deviceLicenses").GetInt32(),
                bravo.GetProperty("userLicenses").GetInt32(), bravo.GetProperty("missedBillingOpen").GetDecimal())
            .ShouldBe((3, 5, 0, 36.00m));

        // The catalog's price is the mapped unit price: 15.00 makes Bravo's gap 3 × 15.00.
        var product = (await api.GetFromJsonAsync<JsonElement>($"/api/subscription/catalog?search={search}&licenceUnit=device"))
            .GetProperty("items").EnumerateArray().Single(item => item.GetProperty("productId").GetGuid() == deviceProduct);
        product.GetProperty("unitPrice").GetDecimal().ShouldBe(DevicePrice);
        using var repriced = await api.PutAsJsonAsync($"/api/subscription/catalog/{deviceProduct}", new { licenceUnit = "device", unitPrice = 15.00m });
        repriced.StatusCode.ShouldBe(HttpStatusCode.OK, await repriced.Content.ReadAsStringAsync());
        await Eventually.AssertAsync(async () =>
            (await OpenOpportunitiesAsync(api, search))[("under-licensed", Name("Bravo"))].ShouldBe(45.00m), TimeSpan.FromMinutes(4));

        // The read models rebuilt from the projection's event log give the same numbers.
        var before = await ClientsReadModelAsync(api, search);
        using var requested = await api.PostAsJsonAsync("/api/projection/rebuild", new { });
        requested.StatusCode.ShouldBe(HttpStatusCode.Accepted, await requested.Content.ReadAsStringAsync());
        var rebuild = await Eventually.ReturnsAsync(() => api.GetFromJsonAsync<JsonElement>(requested.Headers.Location),
            job => job.GetProperty("status").GetString() is "completed" or "failed", "the rebuild to finish", TimeSpan.FromMinutes(4));
        rebuild.GetProperty("status").GetString().ShouldBe("completed", rebuild.ToString());
        (await ClientsReadModelAsync(api, search)).ShouldBe(before);
    }

    private sealed record Row(string Client, int? Devices, int Licenses, int? Variance, string Status, decimal Mrr, int Subscriptions);

    /// <summary>The dataset, added to the sandbox's vendors; its accounts keep their numbers whatever steps follow.</summary>
    private async Task<JsonElement> AddToSandboxAsync(Func<string, string> name)
    {
        using var sandbox = new HttpClient { BaseAddress = fixture.System.App.GetEndpoint("sandbox", "http") };
        object Subscription(string company, string product, int quantity, decimal price, string term = "Monthly",
            string status = "Active") => new { company = name(company), product = name(product), quantity, price, billingTerm = term, status };
        using var response = await sandbox.PostAsJsonAsync("/sandbox/additions", new
        {
            rmmOrganizations = new object[]
            {
                new { name = name("Alpha"), workstations = 3, servers = 2 },
                new { name = name("Bravo"), workstations = 6, servers = 2 },
                new { name = name("Charlie"), workstations = 2, retiredDevices = 1 },
                new { name = name("Echo"), workstations = 3, servers = 1 },
                new { name = name("Foxtrot"), workstations = 3 },
            },
            pax8Companies = new[] { "Alpha", "Bravo", "Charlie", "Delta", "Zulu Trading" }.Select(company => new { name = name(company) }),
            pax8Products = new object[]
            {
                new { name = name("Endpoint Protection"), unitOfMeasurement = "Device", unitPrice = DevicePrice },
                new { name = name("Mailbox"), unitOfMeasurement = "User", unitPrice = UserPrice },
            },
            pax8Subscriptions = new[]
            {
                Subscription("Alpha", "Endpoint Protection", 5, DevicePrice),
                Subscription("Alpha", "Mailbox", 4, UserPrice),
                Subscription("Bravo", "Endpoint Protection", 5, 125.00m, term: "Annual"),
                Subscription("Charlie", "Endpoint Protection", 4, DevicePrice),
                Subscription("Charlie", "Endpoint Protection", 10, DevicePrice, status: "Cancelled"),
                Subscription("Delta", "Mailbox", 3, UserPrice),
                Subscription("Zulu Trading", "Endpoint Protection", 7, DevicePrice),
            },
        });
        return await response.ShouldBeJsonAsync<JsonElement>(HttpStatusCode.OK);
    }

    /// <summary>
    /// Σ quantity × monthly unit price ÷ Σ quantity over every client's priced per-device products, in the currency with
    /// the most seats, to 4 places (docs/domain.md, "Licences: coverage per product"), from the per-product export.
    /// </summary>
    private static async Task<decimal> AverageDeviceLicencePriceAsync(HttpClient api)
    {
        var lines = (await api.GetStringAsync("/api/reconciliation/clients/export/products"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => CsvFields(line.TrimEnd('\r'))).ToList();
        var column = lines[0].Select((name, index) => (name, index)).ToDictionary(field => field.name, field => field.index);
        var priced = lines.Skip(1)
            .Where(fields => fields[column["Covers"]] is "workstations" or "servers" or "devices")
            .Select(fields => (Quantity: int.Parse(fields[column["Quantity"]], CultureInfo.InvariantCulture),
                Price: fields[column["Monthly Unit Price"]], Currency: fields[column["Currency"]]))
            .Where(product => product.Quantity > 0 && product.Price.Length > 0 && product.Currency.Length > 0)
            .Select(product => (product.Quantity, Price: decimal.Parse(product.Price, CultureInfo.InvariantCulture),
                product.Currency))
            .GroupBy(product => product.Currency)
            .OrderByDescending(currency => currency.Sum(product => product.Quantity))
            .First()
            .ToList();
        return Math.Round(priced.Sum(product => product.Quantity * product.Price) / priced.Sum(product => product.Quantity),
            4, MidpointRounding.AwayFromZero);
    }

    /// <summary>One CSV line's fields: quoted fields may hold commas and doubled quotes.</summary>
    private static List<string> CsvFields(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var character = line[i];
            if (quoted && character == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                field.Append('"');
                i++;
            }
            else if (character == '"')
            {
                quoted = !quoted;
            }
            else if (character == ',' && !quoted)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(character);
            }
        }
        fields.Add(field.ToString());
        return fields;
    }

    private static async Task<Dictionary<(string Kind, string Client), decimal>> OpenOpportunitiesAsync(HttpClient api, string search) =>
        (await api.GetFromJsonAsync<JsonElement>($"/api/reconciliation/missed-billing?search={search}&state=open&pageSize=50"))
            .GetProperty("items").EnumerateArray()
            .ToDictionary(item => (item.GetProperty("kind").GetString()!, item.GetProperty("clientName").GetString()!),
                item => item.GetProperty("amount").GetDecimal());

    /// <summary>The Clients list as the projection serves it: MRR descending, then the name.</summary>
    private static async Task<List<(string Name, decimal Mrr, int Subscriptions, int Devices, int Licenses, string Status)>>
        ClientsReadModelAsync(HttpClient api, string search) =>
        [.. (await api.GetFromJsonAsync<JsonElement>($"/api/projection/clients?search={search}"))
            .GetProperty("items").EnumerateArray()
            .Select(row => (row.GetProperty("name").GetString()!, row.GetProperty("mrr").GetProperty("amount").GetDecimal(),
                row.GetProperty("subscriptions").GetInt32(), row.GetProperty("devices").GetInt32(),
                row.GetProperty("licenses").GetInt32(), row.GetProperty("status").GetString()!))];

    private static int? NullableInt(JsonElement row, string property) =>
        row.GetProperty(property).ValueKind == JsonValueKind.Null ? null : row.GetProperty(property).GetInt32();

    private static decimal Amount(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}

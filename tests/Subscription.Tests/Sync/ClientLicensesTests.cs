extern alias subscription;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BillingOne.BuildingBlocks.Integrations;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Contracts.Events;
using BillingOne.Subscription.Tests.Connectors;
using BillingOne.Testing;
using Dapper;
using Npgsql;
using subscription::BillingOne.Subscription.Licensing;

namespace BillingOne.Subscription.Tests.Sync;

/// <summary>
/// The licence side of two clients through the service: the catalog mapping API, and ClientLicensesChanged with exact
/// figures after a client is created, a sync, a catalog change, a mapping change and a republish, only when a figure
/// moved. The steps build on each other, like the changes do.
/// </summary>
[Trait("Category", "Integration")]
[TestCaseOrderer("BillingOne.Subscription.Tests.Sync.DeclarationOrderer", "BillingOne.Subscription.Tests")]
public sealed class ClientLicensesTests(Pax8SyncFixture fixture) : IClassFixture<Pax8SyncFixture>
{
    private const string Catalog = "/api/subscription/catalog";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly Dictionary<string, Guid> Clients = [];
    private readonly HttpClient http = fixture.Client;

    private static Guid Alpha => Clients["Alpha Dental"];
    private static Guid Beta => Clients["Beta Legal"];
    private static Guid Product(int number) => Pax8Stub.IdOf(2_000_000 + number);

    [Fact, Order(1)]
    public async Task A_new_client_is_announced_with_no_licences()
    {
        foreach (var name in new[] { "Alpha Dental", "Beta Legal" })
        {
            using var created = await http.PostAsJsonAsync("/api/subscription/clients", new { name });
            Clients[name] = (await created.ShouldBeJsonAsync<JsonElement>(HttpStatusCode.Created)).GetProperty("id").GetGuid();
        }

        var announced = (await EventsAsync(Alpha)).ShouldHaveSingleItem();
        announced.Version.ShouldBe(1);
        announced.Currency.ShouldBeNull();
        announced.MrrAmount.ShouldBe(0m);
        announced.DeviceLicenses.ShouldBe(0);
        announced.DeviceLicenseUnitPrice.ShouldBeNull();
        announced.MrrHistory.Count.ShouldBe(12);
        announced.MrrHistory.ShouldAllBe(month => month.Amount == 0m);
        (await EventsAsync(Beta)).ShouldHaveSingleItem().Version.ShouldBe(1);
    }

    [Fact, Order(2)]
    public async Task A_sync_announces_each_mapped_clients_mrr_and_licences()
    {
        fixture.World.Companies.AddRange([Pax8World.Company(1, "Alpha Dental"), Pax8World.Company(2, "Beta Legal"),
            Pax8World.Company(3, "Gamma Unmapped Pty Ltd")]);
        fixture.World.Products.AddRange([Pax8World.Product(1, "Microsoft 365 Business Premium", "User", 33.00m),
            Pax8World.Product(2, "Defender for Endpoint P1", "Device", 4.50m),
            Pax8World.Product(3, "Huntress Managed EDR", "Device", 6.00m)]);
        fixture.World.Subscriptions.AddRange([
            Pax8World.Subscription(1, 1, 2, 20, 4.50m), // Alpha: 90.00
            Pax8World.Subscription(2, 1, 1, 12, 396.00m, term: "Annual"), // Alpha: 12 × 396.00 ÷ 12 = 396.00
            Pax8World.Subscription(3, 1, 3, 10, 6.00m), // Alpha: 60.00
            Pax8World.Subscription(4, 2, 2, 5, 4.50m, status: "Cancelled"), // Beta: not counted
            Pax8World.Subscription(5, 2, 1, 3, 33.00m), // Beta: 99.00
            Pax8World.Subscription(6, 3, 2, 50, 4.50m)]); // no client
        fixture.World.Serve();

        (await fixture.SyncAsync()).Status.ShouldBe(SyncRunStatus.Completed);

        var alpha = (await EventsAsync(Alpha)).Last();
        alpha.Version.ShouldBe(2);
        ShouldHaveFigures(alpha, "AUD", 546.00m, 3, devices: 30, users: 12, 5.0000m); // (20 × 4.50 + 10 × 6.00) ÷ 30
        var beta = (await EventsAsync(Beta)).Last();
        beta.Version.ShouldBe(2);
        ShouldHaveFigures(beta, "AUD", 99.00m, 1, devices: 0, users: 3, null);
        // Every subscription of the mapped companies, by id, the cancelled one too.
        alpha.Subscriptions.ShouldBe([
            Line(1, 2, "Defender for Endpoint P1", 20, 4.50m, "monthly", "active"),
            Line(2, 1, "Microsoft 365 Business Premium", 12, 396.00m, "annual", "active"),
            Line(3, 3, "Huntress Managed EDR", 10, 6.00m, "monthly", "active")]);
        beta.Subscriptions.ShouldBe([
            Line(4, 2, "Defender for Endpoint P1", 5, 4.50m, "monthly", "cancelled"),
            Line(5, 1, "Microsoft 365 Business Premium", 3, 33.00m, "monthly", "active")]);

        // Gamma is mapped to no client: its subscription is announced apart, for the overview's MRR.
        var unmapped = (await UnmappedAsync()).ShouldHaveSingleItem();
        unmapped.Version.ShouldBe(1);
        unmapped.Subscriptions.ShouldBe([Line(6, 2, "Defender for Endpoint P1", 50, 4.50m, "monthly", "active")]);

        var licenses = await http.GetFromJsonAsync<JsonElement>($"/api/subscription/clients/{Alpha}/licenses");
        licenses.GetProperty("clientId").GetGuid().ShouldBe(Alpha);
        licenses.GetProperty("mrrAmount").GetDecimal().ShouldBe(546.00m);
        licenses.GetProperty("deviceLicenses").GetInt32().ShouldBe(30);
        licenses.GetProperty("userLicenses").GetInt32().ShouldBe(12);
        licenses.GetProperty("deviceLicenseUnitPrice").GetDecimal().ShouldBe(5.0000m);
        var history = licenses.GetProperty("mrrHistory").EnumerateArray().ToList();
        history.Count.ShouldBe(12);
        history[^1].GetProperty("amount").GetDecimal().ShouldBe(546.00m);
    }

    [Fact, Order(3)]
    public async Task The_catalog_lists_pax8s_mapping_with_the_active_usage_and_filters_by_unit()
    {
        var defender = (await ListAsync("search=defender")).ShouldHaveSingleItem();
        defender.GetProperty("productId").GetGuid().ShouldBe(Product(2));
        defender.GetProperty("licenceUnit").GetString().ShouldBe("device");
        defender.GetProperty("unitPrice").GetDecimal().ShouldBe(4.50m);
        defender.GetProperty("currency").GetString().ShouldBe("AUD");
        defender.GetProperty("source").GetString().ShouldBe("pax8");
        // Subscriptions 1 and 6 (the cancelled 4 is not active): 20 + 50.
        defender.GetProperty("activeSubscriptions").GetInt32().ShouldBe(2);
        defender.GetProperty("activeQuantity").GetInt32().ShouldBe(70);
        // Pax8 says per device; nothing in the name says servers or workstations, so all devices, to be reviewed.
        (defender.GetProperty("covers").GetString(), defender.GetProperty("coversSource").GetString())
            .ShouldBe(("devices", "suggested"));
        var microsoft365 = (await ListAsync("licenceUnit=user")).ShouldHaveSingleItem();
        (microsoft365.GetProperty("covers").GetString(), microsoft365.GetProperty("coversSource").GetString())
            .ShouldBe(("users", "pax8"));

        (await ListAsync("licenceUnit=device")).Select(item => item.GetProperty("name").GetString())
            .ShouldBe(["Defender for Endpoint P1", "Huntress Managed EDR"]);
        (await ListAsync("licenceUnit=user")).ShouldHaveSingleItem().GetProperty("sku").GetString().ShouldBe("SKU-1");
        (await ListAsync("licenceUnit=none")).ShouldBeEmpty();
        var page = await http.GetFromJsonAsync<JsonElement>($"{Catalog}?page=2&pageSize=2");
        page.GetProperty("totalCount").GetInt64().ShouldBe(3);
        page.GetProperty("items").EnumerateArray().ShouldHaveSingleItem().GetProperty("name").GetString()
            .ShouldBe("Microsoft 365 Business Premium");

        var problem = await (await http.GetAsync($"{Catalog}?licenceUnit=seat")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.ValidationErrors().Keys.ShouldBe(["licenceUnit"]);
    }

    [Fact, Order(4)]
    public async Task A_catalog_change_is_validated_naming_the_fields_and_refused_for_an_unknown_product()
    {
        using var invalid = await http.PutAsJsonAsync($"{Catalog}/{Product(2)}", new { licenceUnit = "seat", unitPrice = -1m });
        (await invalid.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ValidationErrors().Keys
            .ShouldBe(["licenceUnit", "unitPrice"], ignoreOrder: true);
        using var tooFine = await http.PutAsJsonAsync($"{Catalog}/{Product(2)}", new { licenceUnit = "device", unitPrice = 4.12345m });
        (await tooFine.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ValidationErrors().Keys.ShouldBe(["unitPrice"]);

        using var unknownCoverage = await http.PutAsJsonAsync($"{Catalog}/{Product(2)}", new { covers = "routers" });
        (await unknownCoverage.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ValidationErrors().Keys.ShouldBe(["covers"]);
        using var disagreeing = await http.PutAsJsonAsync($"{Catalog}/{Product(2)}", new { licenceUnit = "user", covers = "servers" });
        (await disagreeing.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ValidationErrors().Keys.ShouldBe(["covers"]);

        // The CSV import checks every row as the API checks one change, names the line and column, and sets nothing.
        var badRows = await (await ImportAsync($"""
            product_id,name,covers,monthly_unit_price
            {Product(2)},Defender,routers,4.00
            {Product(3)},Huntress,workstations,six
            not-an-id,Someone,servers,
            {Product(3)},Huntress,servers,
            """)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        badRows.ValidationErrors().Keys.ShouldBe(
            ["rows[2].covers", "rows[3].monthly_unit_price", "rows[4].product_id", "rows[5].product_id"], ignoreOrder: true);
        var unknownProduct = await (await ImportAsync($"product_id,covers\n{Guid.NewGuid()},servers\n"))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        unknownProduct.ValidationErrors().Keys.ShouldBe(["rows[2].product_id"]);
        await (await ImportAsync("covers\nservers\n")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        using var notCsv = await http.PostAsJsonAsync($"{Catalog}/import", new { covers = "servers" });
        await notCsv.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);

        using var unknown = await http.PutAsJsonAsync($"{Catalog}/{Guid.NewGuid()}", new { licenceUnit = "device" });
        await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await http.DeleteAsync($"{Catalog}/{Guid.NewGuid()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await EventsAsync(Alpha)).Count.ShouldBe(2);
    }

    [Fact, Order(5)]
    public async Task An_override_moves_the_device_licences_and_price_and_is_audited()
    {
        using var priced = await http.PutAsJsonAsync($"{Catalog}/{Product(2)}", new { licenceUnit = "device", unitPrice = 4.00m });
        var item = await priced.ShouldBeJsonAsync<JsonElement>(HttpStatusCode.OK);
        item.GetProperty("unitPrice").GetDecimal().ShouldBe(4.00m);
        item.GetProperty("source").GetString().ShouldBe("manual");
        // (20 × 4.00 + 10 × 6.00) ÷ 30 = 4.666…
        ShouldHaveFigures((await EventsAsync(Alpha)).Last(), "AUD", 546.00m, 3, devices: 30, users: 12, 4.6667m);

        using var uncounted = await http.PutAsJsonAsync($"{Catalog}/{Product(3)}", new { licenceUnit = "none", unitPrice = (decimal?)null });
        var huntress = await uncounted.ShouldBeJsonAsync<JsonElement>(HttpStatusCode.OK);
        huntress.GetProperty("licenceUnit").ValueKind.ShouldBe(JsonValueKind.Null);
        huntress.GetProperty("unitPrice").GetDecimal().ShouldBe(6.00m);

        var alpha = await EventsAsync(Alpha);
        alpha.Select(changed => changed.Version).ShouldBe([1, 2, 3, 4]);
        ShouldHaveFigures(alpha[^1], "AUD", 546.00m, 3, devices: 20, users: 12, 4.0000m);
        // Each covering product on its own: Defender's 20 seats at its own 4.00, Microsoft 365's users; Huntress no more.
        alpha[^1].Products.ShouldNotBeNull().Select(product => (product.ProductName, product.Covers, product.Quantity))
            .ShouldBe([("Defender for Endpoint P1", "devices", 20), ("Microsoft 365 Business Premium", "users", 12)]);
        alpha[^1].Products![0].MonthlyUnitPrice.ShouldBe(4.0000m);
        (await EventsAsync(Beta)).Count.ShouldBe(2, "Beta's figures did not move");
        (await ListAsync("licenceUnit=none")).ShouldHaveSingleItem().GetProperty("productId").GetGuid().ShouldBe(Product(3));
        var subscription = await http.GetFromJsonAsync<JsonElement>($"/api/subscription/subscriptions/{Pax8Stub.IdOf(3)}");
        subscription.GetProperty("licenceUnit").ValueKind.ShouldBe(JsonValueKind.Null);

        await using var connection = new NpgsqlConnection(fixture.DatabaseConnectionString);
        (await connection.QueryAsync<string>(
            "SELECT action FROM audit_log WHERE table_name = 'catalog_overrides' ORDER BY created_at, id"))
            .ShouldBe(["create", "create"]);
    }

    [Fact, Order(6)]
    public async Task An_override_survives_a_sync_that_changes_pax8s_product_and_an_unmoved_client_is_not_announced()
    {
        fixture.World.Products[1]["unitPrice"] = 5.00m;
        fixture.World.Serve();

        var run = await fixture.SyncAsync();

        run.Status.ShouldBe(SyncRunStatus.Completed, run.Error);
        run.Breakdown["products"].Changed.ShouldBe(1);
        var defender = (await ListAsync("search=defender")).ShouldHaveSingleItem();
        defender.GetProperty("unitPrice").GetDecimal().ShouldBe(4.00m);
        defender.GetProperty("source").GetString().ShouldBe("manual");
        (await EventsAsync(Alpha)).Count.ShouldBe(4);
        (await EventsAsync(Beta)).Count.ShouldBe(2);
    }

    [Fact, Order(7)]
    public async Task Deleting_an_override_goes_back_to_pax8s_mapping()
    {
        (await http.DeleteAsync($"{Catalog}/{Product(3)}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var huntress = (await ListAsync("search=huntress")).ShouldHaveSingleItem();
        huntress.GetProperty("licenceUnit").GetString().ShouldBe("device");
        huntress.GetProperty("source").GetString().ShouldBe("pax8");
        var alpha = (await EventsAsync(Alpha)).Last();
        alpha.Version.ShouldBe(5);
        ShouldHaveFigures(alpha, "AUD", 546.00m, 3, devices: 30, users: 12, 4.6667m);
    }

    [Fact, Order(8)]
    public async Task Moving_a_company_announces_both_clients_and_unmapping_it_the_one_it_left()
    {
        var company = Pax8Stub.IdOf(1_000_002).ToString();
        using var moved = await http.PostAsJsonAsync("/api/subscription/mappings/apply",
            new { items = new[] { new { vendor = "pax8", externalId = company, clientId = Alpha } } });
        moved.StatusCode.ShouldBe(HttpStatusCode.OK);

        var alpha = (await EventsAsync(Alpha)).Last();
        alpha.Version.ShouldBe(6);
        ShouldHaveFigures(alpha, "AUD", 645.00m, 4, devices: 30, users: 15, 4.6667m);
        var beta = (await EventsAsync(Beta)).Last();
        beta.Version.ShouldBe(3);
        ShouldHaveFigures(beta, null, 0m, 0, devices: 0, users: 0, null);
        beta.MrrHistory.ShouldAllBe(month => month.Amount == 0m);

        using var unmapped = await http.PostAsJsonAsync("/api/subscription/mappings/unmap",
            new { items = new[] { new { vendor = "pax8", externalId = company } } });
        unmapped.StatusCode.ShouldBe(HttpStatusCode.OK);

        alpha = (await EventsAsync(Alpha)).Last();
        alpha.Version.ShouldBe(7);
        ShouldHaveFigures(alpha, "AUD", 546.00m, 3, devices: 30, users: 12, 4.6667m);
        (await EventsAsync(Beta)).Count.ShouldBe(3, "Beta had nothing to lose");
        // Beta's former company is mapped to no client now: its subscriptions join Gamma's.
        (await UnmappedAsync()).Last().Subscriptions.Select(line => line.SubscriptionId)
            .ShouldBe([.. new[] { 4, 5, 6 }.Select(number => Pax8Stub.IdOf(number))], ignoreOrder: true);
    }

    [Fact, Order(9)]
    public async Task Republishing_announces_every_clients_current_figures_with_a_new_version()
    {
        using var response = await http.PostAsync("/api/subscription/licenses/republish", null);

        (await response.ShouldBeJsonAsync<JsonElement>(HttpStatusCode.Accepted)).GetProperty("clients").GetInt32().ShouldBe(2);
        var alpha = (await EventsAsync(Alpha)).Last();
        alpha.Version.ShouldBe(8);
        ShouldHaveFigures(alpha, "AUD", 546.00m, 3, devices: 30, users: 12, 4.6667m);
        var unmapped = await UnmappedAsync();
        unmapped[^1].Version.ShouldBe(unmapped[^2].Version + 1);
        unmapped[^1].Subscriptions.ShouldBe(unmapped[^2].Subscriptions, "republished as it was");
        var beta = (await EventsAsync(Beta)).Last();
        beta.Version.ShouldBe(4);
        ShouldHaveFigures(beta, null, 0m, 0, devices: 0, users: 0, null);

        using var finance = new HttpRequestMessage(HttpMethod.Post, "/api/subscription/licenses/republish");
        finance.Headers.Authorization = TestTokens.For(OrganizationContextExtensions.DemoOrganizationId, Roles.Finance);
        (await http.SendAsync(finance)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact, Order(10)]
    public async Task A_clients_licences_are_hidden_outside_its_scope_and_an_unknown_client_has_none()
    {
        using var scoped = new HttpRequestMessage(HttpMethod.Get, $"/api/subscription/clients/{Beta}/licenses");
        scoped.Headers.Authorization = TestTokens.For(OrganizationContextExtensions.DemoOrganizationId, Roles.ReadOnly, Alpha);
        await (await http.SendAsync(scoped)).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        using var own = new HttpRequestMessage(HttpMethod.Get, $"{Catalog}?search=defender");
        own.Headers.Authorization = TestTokens.For(OrganizationContextExtensions.DemoOrganizationId, Roles.ReadOnly, Alpha);
        var listed = await (await http.SendAsync(own)).ShouldBeJsonAsync<JsonElement>(HttpStatusCode.OK);
        // Only Alpha's subscription 1 of the product's two active ones.
        listed.GetProperty("items")[0].GetProperty("activeQuantity").GetInt32().ShouldBe(20);

        await (await http.GetAsync($"/api/subscription/clients/{Guid.NewGuid()}/licenses"))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact, Order(11)]
    public async Task A_change_seen_only_in_the_subscription_list_is_announced()
    {
        fixture.World.Products[0]["name"] = "Microsoft 365 Business Premium (NCE)";
        fixture.World.Serve();

        (await fixture.SyncAsync()).Status.ShouldBe(SyncRunStatus.Completed);

        var alpha = (await EventsAsync(Alpha)).Last();
        alpha.Version.ShouldBe(9);
        // Not one figure moved: only the list shows the new name.
        ShouldHaveFigures(alpha, "AUD", 546.00m, 3, devices: 30, users: 12, 4.6667m);
        alpha.Subscriptions.ShouldNotBeNull().Single(line => line.SubscriptionId == Pax8Stub.IdOf(2)).ProductName
            .ShouldBe("Microsoft 365 Business Premium (NCE)");
    }

    [Fact, Order(12)]
    public async Task The_calendar_pass_publishes_figures_that_time_alone_moved_and_nothing_else()
    {
        var calendar = fixture.Service<ClientLicenseCalendarWorker>();
        var betaVersion = (await EventsAsync(Beta)).Last().Version;
        (await calendar.RefreshAllAsync(CancellationToken.None)).ShouldBe(0, "nothing moved since the last change");

        // Alpha's Huntress subscription (10 devices at 6.00) as if it had been bought ahead: the pass sees it not
        // started yet, as it will when its start date comes, and publishes each time.
        await SetStartAsync(3, DateTimeOffset.UtcNow.AddDays(3));
        (await calendar.RefreshAllAsync(CancellationToken.None)).ShouldBe(1);
        var ahead = (await EventsAsync(Alpha)).Last();
        (ahead.Version, ahead.MrrAmount, ahead.ActiveSubscriptions, ahead.DeviceLicenses).ShouldBe((10, 486.00m, 2, 20));
        (await HuntressUsageAsync()).ShouldBe((0, 0), "the catalog counts a subscription from its start date too");

        await SetStartAsync(3, new DateTimeOffset(2025, 11, 12, 0, 0, 0, TimeSpan.Zero));
        (await calendar.RefreshAllAsync(CancellationToken.None)).ShouldBe(1);
        var started = (await EventsAsync(Alpha)).Last();
        started.Version.ShouldBe(11);
        ShouldHaveFigures(started, "AUD", 546.00m, 3, devices: 30, users: 12, 4.6667m);
        (await HuntressUsageAsync()).ShouldBe((1, 10));
        (await EventsAsync(Beta)).Last().Version.ShouldBe(betaVersion, "Beta's figures never moved");
    }

    [Fact, Order(13)]
    public async Task The_catalog_import_sets_what_each_product_covers_and_its_price_together()
    {
        using var imported = await ImportAsync($"""
            product_id,name,covers,monthly_unit_price
            {Product(2)},Defender for Endpoint P1,workstations,4.25
            {Product(3)},Huntress Managed EDR,servers,
            """);

        (await imported.ShouldBeJsonAsync<JsonElement>(HttpStatusCode.OK)).GetProperty("products").GetInt32().ShouldBe(2);
        var defender = (await ListAsync("search=defender")).ShouldHaveSingleItem();
        (defender.GetProperty("covers").GetString(), defender.GetProperty("coversSource").GetString(),
            defender.GetProperty("unitPrice").GetDecimal()).ShouldBe(("workstations", "manual", 4.25m));
        var huntress = (await ListAsync("search=huntress")).ShouldHaveSingleItem();
        (huntress.GetProperty("covers").GetString(), huntress.GetProperty("unitPrice").GetDecimal()).ShouldBe(("servers", 6.00m));
        (await EventsAsync(Alpha)).Last().Products.ShouldNotBeNull()
            .Where(product => product.ProductId != Product(1)).Select(product => (product.ProductName, product.Covers))
            .ShouldBe([("Defender for Endpoint P1", "workstations"), ("Huntress Managed EDR", "servers")], ignoreOrder: true);
    }

    private Task<HttpResponseMessage> ImportAsync(string csv) =>
        http.PostAsync($"{Catalog}/import", new StringContent(csv, System.Text.Encoding.UTF8, "text/csv"));

    /// <summary>The catalog's active subscriptions and quantity of the Huntress product.</summary>
    private async Task<(int Subscriptions, int Quantity)> HuntressUsageAsync()
    {
        var item = (await http.GetFromJsonAsync<JsonElement>($"{Catalog}?search=huntress")).GetProperty("items")[0];
        return (item.GetProperty("activeSubscriptions").GetInt32(), item.GetProperty("activeQuantity").GetInt32());
    }

    private async Task SetStartAsync(int subscription, DateTimeOffset start)
    {
        await using var connection = new NpgsqlConnection(fixture.DatabaseConnectionString);
        (await connection.ExecuteAsync("UPDATE pax8_subscriptions SET start_date = @start WHERE id = @id",
            new { start, id = Pax8Stub.IdOf(subscription) })).ShouldBe(1);
    }

    private static ClientSubscriptionLine Line(int number, int product, string productName, int quantity,
        decimal unitPrice, string term, string status) =>
        new(Pax8Stub.IdOf(number), Product(product), productName, quantity, unitPrice, "AUD", term, status,
            new DateTimeOffset(2025, 11, 12, 0, 0, 0, TimeSpan.Zero), null, null);

    private static void ShouldHaveFigures(ClientLicensesChanged changed, string? currency, decimal mrr, int active,
        int devices, int users, decimal? deviceUnitPrice)
    {
        changed.OrgId.ShouldBe(OrganizationContextExtensions.DemoOrganizationId);
        changed.Currency.ShouldBe(currency);
        changed.MrrAmount.ShouldBe(mrr);
        changed.ActiveSubscriptions.ShouldBe(active);
        changed.DeviceLicenses.ShouldBe(devices);
        changed.UserLicenses.ShouldBe(users);
        changed.DeviceLicenseUnitPrice.ShouldBe(deviceUnitPrice);
        changed.MrrHistory.Count.ShouldBe(12);
        // Every subscription starts on 12 November 2025 (Pax8World), so each month ending after it holds today's MRR.
        var started = new DateTimeOffset(2025, 11, 12, 0, 0, 0, TimeSpan.Zero);
        foreach (var month in changed.MrrHistory)
        {
            var end = new DateTimeOffset(month.Year, month.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1);
            month.Amount.ShouldBe(end > started ? mrr : 0m, $"{month.Year}-{month.Month:00}");
        }
        var now = DateTimeOffset.UtcNow;
        (changed.MrrHistory[^1].Year, changed.MrrHistory[^1].Month).ShouldBe((now.Year, now.Month));
    }

    private async Task<List<ClientLicensesChanged>> EventsAsync(Guid clientId)
    {
        await using var connection = new NpgsqlConnection(fixture.DatabaseConnectionString);
        return [.. (await connection.QueryAsync<string>("""
            SELECT payload::text FROM outbox_messages
            WHERE message_type LIKE '%.ClientLicensesChanged, %' AND payload->>'clientId' = @clientId
            ORDER BY sequence
            """, new { clientId = clientId.ToString() }))
            .Select(payload => JsonSerializer.Deserialize<ClientLicensesChanged>(payload, Json)!)];
    }

    private async Task<List<UnmappedSubscriptionsChanged>> UnmappedAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.DatabaseConnectionString);
        return [.. (await connection.QueryAsync<string>(
                "SELECT payload::text FROM outbox_messages WHERE message_type LIKE '%.UnmappedSubscriptionsChanged, %' ORDER BY sequence"))
            .Select(payload => JsonSerializer.Deserialize<UnmappedSubscriptionsChanged>(payload, Json)!)];
    }

    private async Task<List<JsonElement>> ListAsync(string query) =>
        [.. (await http.GetFromJsonAsync<JsonElement>($"{Catalog}?{query}")).GetProperty("items").EnumerateArray()];
}

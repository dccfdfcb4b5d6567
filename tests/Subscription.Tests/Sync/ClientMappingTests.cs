using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using BillingOne.BuildingBlocks.Integrations;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Subscription.Tests.Connectors;
using BillingOne.Testing;
using Dapper;
using Npgsql;

namespace BillingOne.Subscription.Tests.Sync;

/// <summary>
/// Client mappings on synced Pax8 companies: auto-matches, suggestions, apply / reject, the CSV import's report and a
/// client created from a company; each change audited and announced.
/// </summary>
[Trait("Category", "Integration")]
[TestCaseOrderer("BillingOne.Subscription.Tests.Sync.DeclarationOrderer", "BillingOne.Subscription.Tests")]
public sealed class ClientMappingTests(Pax8SyncFixture fixture) : IClassFixture<Pax8SyncFixture>
{
    private const string Mappings = "/api/subscription/mappings";
    private static readonly Dictionary<string, Guid> Clients = [];
    private readonly HttpClient http = fixture.Client;

    private static string Company(int number) => Pax8Stub.IdOf(1_000_000 + number).ToString();

    [Fact, Order(1)]
    public async Task A_sync_maps_the_companies_whose_names_match_one_client_and_suggests_clients_for_the_rest()
    {
        foreach (var name in new[] { "Harbourside Dental", "Northgate Legal", "Summit Engineering", "Bayside Medical Centre",
                     "Northgate Logistics" })
        {
            var created = await http.PostAsJsonAsync("/api/subscription/clients", new { name });
            Clients[name] = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }
        fixture.World.Companies.AddRange([
            Pax8World.Company(1, "Harbourside Dental Pty Ltd"), Pax8World.Company(2, "NORTHGATE LEGAL LLC"),
            Pax8World.Company(3, "Summit Eng. Pty. Ltd."), Pax8World.Company(4, "Bayside Med Ctr"),
            Pax8World.Company(5, "Northgate"), Pax8World.Company(6, "Redgum Logistics Pty Ltd")]);
        fixture.World.Products.Add(Pax8World.Product(1, "Microsoft 365 Business Basic", "User", 9.00m));
        fixture.World.Subscriptions.AddRange([Pax8World.Subscription(1, 1, 1, 12, 9.00m),
            Pax8World.Subscription(2, 5, 1, 4, 9.00m)]);
        fixture.World.Serve();

        (await fixture.SyncAsync()).Status.ShouldBe(SyncRunStatus.Completed);

        var mapped = await ListAsync("state=mapped");
        mapped.Select(row => (row.GetProperty("externalId").GetString(), row.GetProperty("clientId").GetGuid()))
            .ShouldBe([(Company(4), Clients["Bayside Medical Centre"]), (Company(1), Clients["Harbourside Dental"]),
                (Company(2), Clients["Northgate Legal"]), (Company(3), Clients["Summit Engineering"])], ignoreOrder: true);
        mapped.ShouldAllBe(row => row.GetProperty("method").GetString() == "auto");
        var northgate = (await ListAsync("state=suggested&search=northgate")).ShouldHaveSingleItem();
        northgate.GetProperty("externalId").GetString().ShouldBe(Company(5));
        northgate.GetProperty("suggestions").EnumerateArray().Select(suggestion => suggestion.GetProperty("clientName").GetString())
            .ShouldBe(["Northgate Legal", "Northgate Logistics"], ignoreOrder: true);
        var summary = await http.GetFromJsonAsync<JsonElement>($"{Mappings}/summary");
        summary.GetProperty("pax8").GetProperty("mapped").GetInt32().ShouldBe(4);
        summary.GetProperty("pax8").GetProperty("unmapped").GetInt32().ShouldBe(2);

        await using var connection = new NpgsqlConnection(fixture.DatabaseConnectionString);
        (await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM audit_log WHERE table_name = 'client_mappings' AND actor_type = @service",
            new { service = ActorTypes.Service })).ShouldBe(4);
        (await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%.ClientMappingChanged, %'")).ShouldBe(4);
    }

    [Fact, Order(2)]
    public async Task Applying_a_suggestion_maps_the_company_and_its_subscriptions_show_the_client()
    {
        using var response = await http.PostAsJsonAsync($"{Mappings}/apply", new
        {
            items = new object[]
            {
                new { vendor = "pax8", externalId = Company(5), clientId = Clients["Northgate Logistics"] },
                new { vendor = "pax8", externalId = Company(5), clientId = Clients["Northgate Logistics"] },
                new { vendor = "pax8", externalId = "no-such-company", clientId = Clients["Northgate Logistics"] },
                new { vendor = "pax8", externalId = Company(6), clientId = Guid.NewGuid() },
            },
        });

        var results = (await response.ShouldBeJsonAsync<JsonElement>(HttpStatusCode.OK)).GetProperty("results");
        results.EnumerateArray().Select(result => result.GetProperty("outcome").GetString())
            .ShouldBe(["applied", "unchanged", "unknown-account", "unknown-client"]);
        var subscription = await http.GetFromJsonAsync<JsonElement>($"/api/subscription/subscriptions/{Pax8Stub.IdOf(2)}");
        subscription.GetProperty("clientName").GetString().ShouldBe("Northgate Logistics");
    }

    [Fact, Order(3)]
    public async Task A_change_request_with_a_bad_item_is_refused_naming_the_item_and_field()
    {
        using var response = await http.PostAsJsonAsync($"{Mappings}/apply", new
        {
            items = new object[] { new { vendor = "pax8", externalId = Company(6), clientId = Clients["Harbourside Dental"] },
                new { vendor = "quickbooks", externalId = "" } },
        });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        errors.TryGetProperty("items[1].vendor", out _).ShouldBeTrue();
        errors.TryGetProperty("items[1].externalId", out _).ShouldBeTrue();
        errors.TryGetProperty("items[1].clientId", out _).ShouldBeTrue();
        (await ListAsync("state=mapped&search=redgum")).ShouldBeEmpty();
    }

    [Fact, Order(4)]
    public async Task A_rejected_suggestion_is_not_suggested_again_and_unmapping_is_audited()
    {
        using var rejected = await http.PostAsJsonAsync($"{Mappings}/reject", new
        {
            items = new[] { new { vendor = "pax8", externalId = Company(5), clientId = Clients["Northgate Logistics"] } },
        });
        (await rejected.ShouldBeJsonAsync<JsonElement>(HttpStatusCode.OK)).GetProperty("results")[0]
            .GetProperty("outcome").GetString().ShouldBe("rejected");

        var northgate = (await ListAsync("search=northgate&state=unmapped")).ShouldHaveSingleItem();
        northgate.GetProperty("suggestions").EnumerateArray()
            .ShouldNotContain(suggestion => suggestion.GetProperty("clientId").GetGuid() == Clients["Northgate Logistics"]);
        await using var connection = new NpgsqlConnection(fixture.DatabaseConnectionString);
        (await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM audit_log WHERE table_name = 'client_mappings' AND action = 'delete'")).ShouldBe(1);
    }

    [Fact, Order(5)]
    public async Task The_csv_import_reports_each_row_and_a_dry_run_applies_nothing()
    {
        var csv = $"""
            vendor,vendor_id,client
            pax8,{Company(5)},Northgate Legal
            pax8,{Company(5)},Northgate Logistics
            pax8,{Company(6)},Redgum Logistics
            pax8,00000000-0000-0000-0000-000000000000,Harbourside Dental
            quickbooks,{Company(6)},Harbourside Dental
            pax8,,Harbourside Dental
            """;

        var dryRun = await ImportAsync(csv, dryRun: true);
        dryRun.GetProperty("applied").GetInt32().ShouldBe(1);
        dryRun.GetProperty("rows").EnumerateArray().Select(row => row.GetProperty("outcome").GetString())
            .ShouldBe(["applied", "duplicate", "unknown-client", "unknown-vendor-id", "unknown-vendor", "invalid"]);
        (await ListAsync("state=mapped&search=northgate")).Count.ShouldBe(1);

        var imported = await ImportAsync(csv, dryRun: false);
        imported.GetProperty("rows")[0].GetProperty("line").GetInt32().ShouldBe(2);
        (await ListAsync("state=mapped&search=northgate")).Select(row => row.GetProperty("method").GetString())
            .ShouldBe(["auto", "import"], ignoreOrder: true);

        using var notCsv = new StringContent("{}", Encoding.UTF8, "application/json");
        (await http.PostAsync($"{Mappings}/import", notCsv)).StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact, Order(6)]
    public async Task A_csv_saved_in_a_windows_code_page_is_refused_naming_its_line_and_nothing_is_applied()
    {
        // Excel's plain "CSV" on Windows: "ñ" of "Doña" is the Windows-1252 byte 0xF1, no UTF-8 sequence.
        byte[] file = [.. Encoding.ASCII.GetBytes($"vendor,vendor_id,client\npax8,{Company(6)},Harbourside Dental\n"),
            .. Encoding.ASCII.GetBytes($"pax8,{Company(6)},Do"), 0xF1, .. "a Dental\n"u8];
        using var content = new ByteArrayContent(file);
        content.Headers.ContentType = new("text/csv");

        using var response = await http.PostAsync($"{Mappings}/import", content);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("file")[0].GetString().ShouldStartWith("Line 3: the file is not UTF-8 text.");
        (await ListAsync("state=mapped&search=redgum")).ShouldBeEmpty();
    }

    [Fact, Order(7)]
    public async Task A_client_created_from_a_company_is_mapped_to_it_and_a_second_is_refused()
    {
        using var created = await http.PostAsJsonAsync($"{Mappings}/create-client",
            new { vendor = "pax8", externalId = Company(6), name = "Redgum Logistics", timeZone = "Australia/Perth" });

        var body = await created.ShouldBeJsonAsync<JsonElement>(HttpStatusCode.Created);
        body.GetProperty("client").GetProperty("timeZone").GetString().ShouldBe("Australia/Perth");
        body.GetProperty("mapping").GetProperty("outcome").GetString().ShouldBe("applied");
        (await ListAsync("search=redgum")).ShouldHaveSingleItem().GetProperty("method").GetString().ShouldBe("created");

        using var again = await http.PostAsJsonAsync($"{Mappings}/create-client",
            new { vendor = "pax8", externalId = Company(6), name = "redgum logistics" });
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        using var unknown = await http.PostAsJsonAsync($"{Mappings}/create-client",
            new { vendor = "pax8", externalId = "missing" });
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact, Order(8)]
    public async Task A_client_scoped_key_sees_only_its_clients_mappings_and_subscriptions_and_cannot_change_them()
    {
        var token = TestTokens.For(OrganizationContextExtensions.DemoOrganizationId, Roles.ReadOnly,
            Clients["Harbourside Dental"]);

        var mappings = await SendAsync(HttpMethod.Get, $"{Mappings}?vendor=pax8", token);
        JsonDocument.Parse(await mappings.Content.ReadAsStringAsync()).RootElement.GetProperty("items")
            .EnumerateArray().ShouldHaveSingleItem().GetProperty("externalId").GetString().ShouldBe(Company(1));
        var subscriptions = await SendAsync(HttpMethod.Get, "/api/subscription/subscriptions", token);
        JsonDocument.Parse(await subscriptions.Content.ReadAsStringAsync()).RootElement.GetProperty("items")
            .EnumerateArray().ShouldHaveSingleItem().GetProperty("id").GetString().ShouldBe(Pax8Stub.IdOf(1).ToString());
        var change = await SendAsync(HttpMethod.Post, $"{Mappings}/unmap", token,
            JsonContent.Create(new { items = new[] { new { vendor = "pax8", externalId = Company(1) } } }));
        change.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path,
        System.Net.Http.Headers.AuthenticationHeaderValue token, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = token;
        return await http.SendAsync(request);
    }

    private async Task<JsonElement> ImportAsync(string csv, bool dryRun)
    {
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        using var response = await http.PostAsync($"{Mappings}/import?dryRun={dryRun.ToString().ToLowerInvariant()}", content);
        return await response.ShouldBeJsonAsync<JsonElement>(HttpStatusCode.OK);
    }

    private async Task<List<JsonElement>> ListAsync(string query) =>
        [.. (await http.GetFromJsonAsync<JsonElement>($"{Mappings}?vendor=pax8&pageSize=200&{query}"))
            .GetProperty("items").EnumerateArray()];
}

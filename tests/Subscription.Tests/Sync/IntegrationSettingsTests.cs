using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Subscription.Tests.Connectors;
using BillingOne.Testing;
using Dapper;
using Npgsql;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace BillingOne.Subscription.Tests.Sync;

/// <summary>
/// Settings → Integrations for Pax8: defaults until an organization saves its own, secrets write-only and encrypted at
/// rest, validation naming the field, the connection test, and a switched-off integration refusing to sync.
/// </summary>
[Trait("Category", "Integration")]
[TestCaseOrderer("BillingOne.Subscription.Tests.Sync.DeclarationOrderer", "BillingOne.Subscription.Tests")]
public sealed class IntegrationSettingsTests(Pax8SyncFixture fixture) : IClassFixture<Pax8SyncFixture>
{
    private const string Pax8 = "/api/subscription/integrations/pax8";
    private const string Secret = "s3cret-only-pax8-knows";
    private readonly HttpClient http = fixture.Client;

    [Fact, Order(1)]
    public async Task Before_anything_is_saved_Pax8_runs_on_the_deployments_defaults_and_the_test_reaches_it()
    {
        fixture.World.Companies.Add(Pax8World.Company(1, "Harbourside Dental"));
        fixture.World.Serve();

        var pax8 = await http.GetFromJsonAsync<JsonElement>(Pax8);

        pax8.GetProperty("settingsSource").GetString().ShouldBe("default");
        var secret = Field(pax8, "clientSecret");
        secret.GetProperty("isSet").GetBoolean().ShouldBeTrue();
        secret.GetProperty("value").ValueKind.ShouldBe(JsonValueKind.Null);
        Field(pax8, "clientId").GetProperty("value").GetString().ShouldBe("billingone-tests");
        var test = await (await http.PostAsJsonAsync($"{Pax8}/test", new { })).ShouldBeJsonAsync<JsonElement>(HttpStatusCode.OK);
        test.GetProperty("succeeded").GetBoolean().ShouldBeTrue(test.ToString());
        test.GetProperty("message").GetString().ShouldBe("Pax8 answered: 1 companies.");
    }

    [Fact, Order(2)]
    public async Task Settings_that_are_not_valid_are_refused_naming_each_field()
    {
        using var response = await http.PutAsJsonAsync(Pax8, new
        {
            values = new Dictionary<string, string?> { ["clientId"] = "", ["baseUrl"] = "ftp://pax8", ["colour"] = "blue" },
            syncIntervalMinutes = 5,
        });

        var errors = (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors");
        errors.EnumerateObject().Select(error => error.Name).ShouldBe(
            ["values.colour", "values.clientId", "values.clientSecret", "values.baseUrl", "syncIntervalMinutes"],
            ignoreOrder: true);
    }

    [Fact, Order(3)]
    public async Task A_saved_secret_is_never_returned_is_encrypted_at_rest_and_audited_without_its_value()
    {
        using var saved = await http.PutAsJsonAsync(Pax8, new
        {
            values = new Dictionary<string, string?> { ["clientId"] = "msp-app", ["clientSecret"] = Secret },
            syncIntervalMinutes = 60,
        });

        var body = await saved.ShouldBeJsonAsync<JsonElement>(HttpStatusCode.OK);
        body.GetRawText().ShouldNotContain(Secret);
        body.GetProperty("settingsSource").GetString().ShouldBe("saved");
        body.GetProperty("syncIntervalMinutes").GetInt32().ShouldBe(60);
        body.GetProperty("nextSyncAt").ValueKind.ShouldBe(JsonValueKind.String);
        Field(body, "clientSecret").GetProperty("isSet").GetBoolean().ShouldBeTrue();
        (await http.GetStringAsync(Pax8)).ShouldNotContain(Secret);
        await using var connection = new NpgsqlConnection(fixture.DatabaseConnectionString);
        var stored = await connection.QuerySingleAsync<string>(
            "SELECT protected_secrets FROM integration_settings WHERE integration = 'pax8'");
        stored.ShouldNotContain(Secret);
        stored.Length.ShouldBeGreaterThan(Secret.Length);
        (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM data_protection_keys")).ShouldBeGreaterThan(0);
        var audited = await connection.QuerySingleAsync<string>(
            "SELECT new_values::text FROM audit_log WHERE table_name = 'integration_settings'");
        audited.ShouldNotContain(Secret);
        audited.ShouldContain("msp-app");

        // Saving again without the secret keeps it.
        using var renamed = await http.PutAsJsonAsync(Pax8,
            new { values = new Dictionary<string, string?> { ["clientId"] = "msp-app-2" } });
        Field(await renamed.ShouldBeJsonAsync<JsonElement>(HttpStatusCode.OK), "clientSecret")
            .GetProperty("isSet").GetBoolean().ShouldBeTrue();
    }

    [Fact, Order(4)]
    public async Task The_connection_test_reports_refused_credentials_and_records_the_outcome()
    {
        fixture.Stub.Server.Given(Request.Create().WithPath("/refusing/token").UsingPost()).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(401).WithBody("{\"error\":\"access_denied\"}"));
        var refused = await (await http.PostAsJsonAsync($"{Pax8}/test", new
        {
            values = new Dictionary<string, string?> { ["tokenUrl"] = fixture.Stub.Server.Url + "/refusing/token" },
        })).ShouldBeJsonAsync<JsonElement>(HttpStatusCode.OK);
        refused.GetProperty("succeeded").GetBoolean().ShouldBeFalse();
        refused.GetProperty("message").GetString().ShouldStartWith("Pax8 refused the credentials");

        // The saved settings (the stub takes any credentials) test fine, and the page remembers it.
        (await http.PostAsJsonAsync($"{Pax8}/test", new { })).EnsureSuccessStatusCode();
        var pax8 = await http.GetFromJsonAsync<JsonElement>(Pax8);
        pax8.GetProperty("lastTest").GetProperty("succeeded").GetBoolean().ShouldBeTrue();
    }

    [Fact, Order(5)]
    public async Task A_switched_off_integration_refuses_to_sync_and_client_scoped_keys_see_no_integrations()
    {
        (await http.PutAsJsonAsync(Pax8, new { enabled = false, values = new Dictionary<string, string?> { ["clientId"] = "x" } }))
            .EnsureSuccessStatusCode();

        using var sync = await http.PostAsJsonAsync($"{Pax8}/sync", new { });
        sync.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await sync.Content.ReadAsStringAsync()).ShouldContain("switched off");
        using var badTrigger = await http.PostAsJsonAsync($"{Pax8}/sync", new { trigger = "scheduled" });
        badTrigger.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        using var scoped = new HttpRequestMessage(HttpMethod.Get, "/api/subscription/integrations");
        scoped.Headers.Authorization = TestTokens.For(OrganizationContextExtensions.DemoOrganizationId, Roles.Admin,
            Guid.NewGuid());
        (await http.SendAsync(scoped)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var finance = new HttpRequestMessage(HttpMethod.Put, Pax8) { Content = JsonContent.Create(new { values = new { } }) };
        finance.Headers.Authorization = TestTokens.For(OrganizationContextExtensions.DemoOrganizationId, Roles.Finance);
        (await http.SendAsync(finance)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await http.GetAsync("/api/subscription/integrations/xero")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static JsonElement Field(JsonElement integration, string name) =>
        integration.GetProperty("fields").EnumerateArray().Single(field => field.GetProperty("name").GetString() == name);
}

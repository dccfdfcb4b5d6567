using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Invoice.Tests.Support;
using BillingOne.Testing;
using Dapper;
using Npgsql;

namespace BillingOne.Invoice.Tests.Api;

/// <summary>Connecting an organization to Xero: consent, the anonymous callback, choosing a tenant, disconnecting.</summary>
[Trait("Category", "Integration")]
public sealed class XeroConnectionFlowTests(InvoiceServiceFixture fixture) : IClassFixture<InvoiceServiceFixture>
{
    private const string Connection = "/api/invoice/xero/connection";

    [Fact]
    public async Task Connect_gives_the_consent_address_with_the_scopes_and_a_single_use_state()
    {
        using var http = fixture.ClientFor(Guid.NewGuid());

        var query = await fixture.StartConnectAsync(http);

        query["response_type"].ShouldBe("code");
        query["client_id"].ShouldBe("billingone-tests");
        query["scope"].ShouldBe("openid profile email accounting.invoices accounting.contacts offline_access");
        query["redirect_uri"].ShouldEndWith("/api/invoice/xero/callback");
        query["state"].Length.ShouldBeGreaterThanOrEqualTo(40);
        var again = await fixture.StartConnectAsync(http);
        again["state"].ShouldNotBe(query["state"]);
    }

    [Fact]
    public async Task Two_authorized_tenants_ask_for_a_choice_and_choosing_one_connects_it()
    {
        var orgId = Guid.NewGuid();
        using var http = fixture.ClientFor(orgId);
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        fixture.Xero.GivenAuthorization("code-choose", "access-choose", "refresh-choose", 1800,
            (first, "Harbourside Holdings"), (second, "Harbourside Services"));
        (await http.GetFromJsonAsync<JsonElement>(Connection)).GetProperty("status").GetString().ShouldBe("disconnected");

        var state = (await fixture.StartConnectAsync(http))["state"];
        (await fixture.CallbackAsync("code-choose", state)).ShouldBe("/settings/integrations?xero=choose-tenant");

        var choosing = await http.GetFromJsonAsync<JsonElement>(Connection);
        choosing.GetProperty("status").GetString().ShouldBe("choose-tenant");
        choosing.GetProperty("tenants").EnumerateArray().Select(tenant => tenant.GetProperty("name").GetString())
            .ShouldBe(["Harbourside Holdings", "Harbourside Services"]);
        choosing.GetProperty("tenantId").ValueKind.ShouldBe(JsonValueKind.Null);

        using var unknown = await http.PutAsJsonAsync("/api/invoice/xero/tenant", new { tenantId = Guid.NewGuid() });
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("tenantId", out _)
            .ShouldBeTrue();

        using var chosen = await http.PutAsJsonAsync("/api/invoice/xero/tenant", new { tenantId = second });
        chosen.StatusCode.ShouldBe(HttpStatusCode.OK, await chosen.Content.ReadAsStringAsync());
        var connected = await http.GetFromJsonAsync<JsonElement>(Connection);
        connected.GetProperty("status").GetString().ShouldBe("connected");
        connected.GetProperty("tenantId").GetGuid().ShouldBe(second);
        connected.GetProperty("tenantName").GetString().ShouldBe("Harbourside Services");
        connected.GetProperty("connectedBy").GetString().ShouldBe("test admin");

        await using var database = new NpgsqlConnection(fixture.DatabaseConnectionString);
        var stored = await database.QuerySingleAsync<string>(
            "SELECT protected_tokens FROM xero_connections WHERE org_id = @orgId", new { orgId });
        stored.ShouldNotContain("access-choose", Case.Sensitive, "tokens are encrypted at rest");
        stored.ShouldNotContain("refresh-choose", Case.Sensitive, "tokens are encrypted at rest");
        var audited = await database.QueryAsync<string>(
            "SELECT action FROM audit_log WHERE org_id = @orgId AND table_name = 'xero_connections' ORDER BY id", new { orgId });
        audited.ShouldBe(["create", "update"]);
    }

    [Fact]
    public async Task A_single_tenant_connects_at_once()
    {
        using var http = fixture.ClientFor(Guid.NewGuid());
        var tenant = Guid.NewGuid();

        await fixture.ConnectAsync(http, "single", tenant);

        var connected = await http.GetFromJsonAsync<JsonElement>(Connection);
        connected.GetProperty("status").GetString().ShouldBe("connected");
        connected.GetProperty("tenantId").GetGuid().ShouldBe(tenant);
    }

    [Fact]
    public async Task An_unknown_or_reused_state_is_refused_with_an_error_redirect_never_a_server_error()
    {
        using var http = fixture.ClientFor(Guid.NewGuid());
        fixture.Xero.GivenAuthorization("code-reuse", "access-reuse", "refresh-reuse", 1800, (Guid.NewGuid(), "Reuse Ltd"));

        (await fixture.CallbackAsync("code-reuse", "not-a-state-we-issued")).ShouldStartWith("/settings/integrations?xero=error&reason=");

        var state = (await fixture.StartConnectAsync(http))["state"];
        (await fixture.CallbackAsync("code-reuse", state)).ShouldBe("/settings/integrations?xero=connected");
        (await fixture.CallbackAsync("code-reuse", state)).ShouldStartWith("/settings/integrations?xero=error&reason=");

        using var browser = fixture.AnonymousClient();
        using var missing = await browser.GetAsync("/api/invoice/xero/callback");
        missing.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        missing.Headers.Location!.OriginalString.ShouldStartWith("/settings/integrations?xero=error");
    }

    [Fact]
    public async Task A_state_older_than_ten_minutes_is_refused()
    {
        var orgId = Guid.NewGuid();
        using var http = fixture.ClientFor(orgId);
        fixture.Xero.GivenAuthorization("code-late", "access-late", "refresh-late", 1800, (Guid.NewGuid(), "Late Ltd"));
        var state = (await fixture.StartConnectAsync(http))["state"];
        await using (var database = new NpgsqlConnection(fixture.DatabaseConnectionString))
        {
            await database.ExecuteAsync("UPDATE xero_oauth_states SET expires_at = now() - interval '1 second' WHERE org_id = @orgId",
                new { orgId });
        }

        (await fixture.CallbackAsync("code-late", state)).ShouldStartWith("/settings/integrations?xero=error&reason=");
        (await http.GetFromJsonAsync<JsonElement>(Connection)).GetProperty("status").GetString().ShouldBe("disconnected");
    }

    [Fact]
    public async Task A_sync_before_connecting_fails_saying_to_connect()
    {
        using var http = fixture.ClientFor(Guid.NewGuid());

        var run = await fixture.SyncAsync(http);

        run.Status.ShouldBe(BillingOne.BuildingBlocks.Integrations.SyncRunStatus.Failed);
        run.Error!.ShouldContain("Xero is not connected");
    }

    [Fact]
    public async Task The_connection_test_checks_the_apps_credentials_at_the_identity_server()
    {
        using var http = fixture.ClientFor(Guid.NewGuid());
        fixture.Xero.GivenRefreshRefused("billingone-connection-test");

        using var response = await http.PostAsJsonAsync("/api/invoice/integrations/xero/test", new { });

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var check = await response.Content.ReadFromJsonAsync<JsonElement>();
        check.GetProperty("succeeded").GetBoolean().ShouldBeTrue(check.GetProperty("message").GetString());
        var integrations = await http.GetFromJsonAsync<JsonElement>("/api/invoice/integrations");
        var xero = integrations.EnumerateArray().Single(integration => integration.GetProperty("name").GetString() == "xero");
        xero.GetProperty("category").GetString().ShouldBe("Accounting");
        xero.GetProperty("settingsSource").GetString().ShouldBe("default");
    }

    [Fact]
    public async Task A_code_Xero_refuses_redirects_with_the_reason()
    {
        using var http = fixture.ClientFor(Guid.NewGuid());
        var state = (await fixture.StartConnectAsync(http))["state"];

        // No stub answers this code: the token endpoint's 404 is a failure the browser hears about, not a 500.
        var target = await fixture.CallbackAsync("code-nobody-issued", state);

        target.ShouldStartWith("/settings/integrations?xero=error&reason=");
        (await http.GetFromJsonAsync<JsonElement>(Connection)).GetProperty("status").GetString().ShouldBe("disconnected");
    }

    [Fact]
    public async Task Disconnecting_revokes_the_refresh_token_and_forgets_the_connection()
    {
        var orgId = Guid.NewGuid();
        using var http = fixture.ClientFor(orgId);
        fixture.Xero.GivenRevocation();
        await fixture.ConnectAsync(http, "leaving", Guid.NewGuid());

        using var response = await http.DeleteAsync(Connection);

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        fixture.Xero.Server.LogEntries.Where(entry => entry.RequestMessage.Path == XeroStub.RevocationPath)
            .Select(entry => entry.RequestMessage.Body).ShouldContain("token=refresh-leaving");
        (await http.GetFromJsonAsync<JsonElement>(Connection)).GetProperty("status").GetString().ShouldBe("disconnected");
        await using var database = new NpgsqlConnection(fixture.DatabaseConnectionString);
        (await database.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM audit_log WHERE org_id = @orgId AND table_name = 'xero_connections' AND action = 'delete'",
            new { orgId })).ShouldBe(1);
    }

    [Fact]
    public async Task Read_only_users_cannot_connect_and_client_scoped_keys_cannot_see_the_connection()
    {
        var orgId = Guid.NewGuid();
        using var reader = fixture.ClientFor(orgId, Roles.ReadOnly);
        using var connect = await reader.PostAsync("/api/invoice/xero/connect", null);
        connect.StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        using var scoped = fixture.ClientFor(orgId, Roles.Finance, clientScope: Guid.NewGuid());
        using var read = await scoped.GetAsync(Connection);
        read.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}

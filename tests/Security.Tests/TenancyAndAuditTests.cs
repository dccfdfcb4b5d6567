using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Testing;
using Dapper;
using Npgsql;

namespace BillingOne.Security.Tests;

/// <summary>
/// Organizations never see each other's data, a client-scoped key sees only its client, and every mutation leaves
/// exactly one append-only audit entry — checked on the subscription service's clients and the projection's read model.
/// </summary>
public sealed class TenancyAndAuditTests : IAsyncLifetime
{
    private static readonly Guid OrgA = Guid.NewGuid();
    private static readonly Guid OrgB = Guid.NewGuid();
    private ServiceHost subscription = null!;
    private ServiceHost projection = null!;

    public async Task InitializeAsync()
    {
        var virtualHost = await (await TestServers.GetAsync()).CreateVirtualHostAsync("tenancy");
        // The projection first, so its queues exist before the subscription service publishes.
        projection = await ServiceHost.StartAsync("projection", virtualHost);
        subscription = await ServiceHost.StartAsync("subscription", virtualHost);
    }

    public async Task DisposeAsync()
    {
        await subscription.DisposeAsync();
        await projection.DisposeAsync();
    }

    [Fact]
    public async Task Another_organizations_clients_are_not_found_and_never_listed()
    {
        using var b = Client(subscription, OrgB, Roles.Admin);
        var bClient = await CreateClientAsync(b, "Tenant B Pty Ltd");
        using var a = Client(subscription, OrgA, Roles.Admin);
        await CreateClientAsync(a, "Tenant A Pty Ltd");

        (await a.GetAsync($"/api/subscription/clients/{bClient}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await a.PatchAsJsonAsync($"/api/subscription/clients/{bClient}", new { name = "Taken over" }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await a.PostAsync($"/api/subscription/clients/{bClient}/disable", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await a.PostAsync($"/api/subscription/clients/{bClient}/enable", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await NamesAsync(a, "/api/subscription/clients")).ShouldBe(["Tenant A Pty Ltd"]);

        using var bReader = Client(projection, OrgB, Roles.ReadOnly);
        await Eventually.AssertAsync(async () =>
            (await NamesAsync(bReader, "/api/projection/clients")).ShouldContain("Tenant B Pty Ltd"));
        using var aReader = Client(projection, OrgA, Roles.ReadOnly);
        (await aReader.GetAsync($"/api/projection/clients/{bClient}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await Eventually.AssertAsync(async () =>
            (await NamesAsync(aReader, "/api/projection/clients")).ShouldBe(["Tenant A Pty Ltd"]));
    }

    [Fact]
    public async Task A_client_scoped_caller_sees_and_changes_only_its_client()
    {
        var org = Guid.NewGuid();
        using var admin = Client(subscription, org, Roles.Admin);
        var own = await CreateClientAsync(admin, "Scoped Own");
        var other = await CreateClientAsync(admin, "Scoped Other");
        using var scoped = Client(subscription, org, Roles.Finance, clientScope: own);

        (await NamesAsync(scoped, "/api/subscription/clients")).ShouldBe(["Scoped Own"]);
        (await scoped.GetAsync($"/api/subscription/clients/{own}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await scoped.GetAsync($"/api/subscription/clients/{other}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await scoped.PatchAsJsonAsync($"/api/subscription/clients/{other}", new { name = "Renamed by scope" }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var create = await scoped.PostAsJsonAsync("/api/subscription/clients", new { name = "Scoped New" });
        await create.ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        using var scopedReader = Client(projection, org, Roles.ReadOnly, clientScope: own);
        using var reader = Client(projection, org, Roles.ReadOnly);
        await Eventually.AssertAsync(async () =>
            (await NamesAsync(reader, "/api/projection/clients")).Count.ShouldBe(2));
        (await NamesAsync(scopedReader, "/api/projection/clients")).ShouldBe(["Scoped Own"]);
        (await scopedReader.GetAsync($"/api/projection/clients/{other}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Each_mutation_leaves_one_audit_entry_with_old_and_new_values()
    {
        var org = Guid.NewGuid();
        var actor = Guid.NewGuid();
        using var admin = Client(subscription, org, Roles.Admin, actorId: actor);
        var id = await CreateClientAsync(admin, "Audited Ltd");
        (await admin.PatchAsJsonAsync($"/api/subscription/clients/{id}", new { name = "Audited Pty Ltd" }))
            .EnsureSuccessStatusCode();
        (await admin.PostAsync($"/api/subscription/clients/{id}/disable", null)).EnsureSuccessStatusCode();
        // Repeating a change changes nothing, so it records nothing.
        (await admin.PostAsync($"/api/subscription/clients/{id}/disable", null)).EnsureSuccessStatusCode();

        await using var connection = new NpgsqlConnection(subscription.Database);
        var entries = (await connection.QueryAsync<(string Action, string Table, Guid ActorId, string? Old, string? New)>("""
            SELECT action, table_name, actor_id, old_values::text, new_values::text
            FROM audit_log WHERE org_id = @org AND record_id = @id ORDER BY id
            """, new { org, id = id.ToString() })).ToList();

        entries.Select(e => e.Action).ShouldBe(["create", "update", "disable"]);
        entries.ShouldAllBe(e => e.Table == "clients" && e.ActorId == actor);
        entries[0].Old.ShouldBeNull();
        Name(entries[0].New).ShouldBe("Audited Ltd");
        Name(entries[1].Old).ShouldBe("Audited Ltd");
        Name(entries[1].New).ShouldBe("Audited Pty Ltd");
        Enabled(entries[2].Old).ShouldBeTrue();
        Enabled(entries[2].New).ShouldBeFalse();

        using var auditReader = Client(projection, org, Roles.Admin);
        await Eventually.AssertAsync(async () =>
        {
            var page = await auditReader.GetFromJsonAsync<JsonElement>($"/api/projection/audit-log?table=clients");
            page.GetProperty("totalCount").GetInt64().ShouldBe(3);
            // The values are JSON objects a caller can read, not strings holding JSON.
            var disable = page.GetProperty("items").EnumerateArray().First(item => item.GetProperty("action").GetString() == "disable");
            disable.GetProperty("oldValues").ValueKind.ShouldBe(JsonValueKind.Object);
            disable.GetProperty("newValues").GetProperty("enabled").ValueKind.ShouldBe(JsonValueKind.False);
        });
    }

    [Fact]
    public async Task The_database_refuses_to_change_or_remove_audit_entries()
    {
        using var admin = Client(subscription, Guid.NewGuid(), Roles.Admin);
        await CreateClientAsync(admin, "Immutable History");
        await using var connection = new NpgsqlConnection(subscription.Database);

        foreach (var statement in new[]
        {
            "UPDATE audit_log SET action = 'forged'",
            "DELETE FROM audit_log",
            "TRUNCATE audit_log",
        })
        {
            var refused = await Should.ThrowAsync<PostgresException>(() => connection.ExecuteAsync(statement));
            refused.MessageText.ShouldContain("append-only");
        }
        (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM audit_log")).ShouldBeGreaterThan(0);
    }

    private static HttpClient Client(ServiceHost host, Guid org, string role, Guid? clientScope = null, Guid? actorId = null)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = TestTokens.For(org, role, clientScope, actorId: actorId);
        return client;
    }

    private static async Task<Guid> CreateClientAsync(HttpClient client, string name)
    {
        using var response = await client.PostAsJsonAsync("/api/subscription/clients", new { name });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<List<string>> NamesAsync(HttpClient client, string path)
    {
        var page = await client.GetFromJsonAsync<JsonElement>(path);
        return page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("name").GetString()!).ToList();
    }

    private static string? Name(string? json) => JsonDocument.Parse(json!).RootElement.GetProperty("name").GetString();

    private static bool Enabled(string? json) => JsonDocument.Parse(json!).RootElement.GetProperty("enabled").GetBoolean();
}

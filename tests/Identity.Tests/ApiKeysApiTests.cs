using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Identity.Data;
using BillingOne.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOne.Identity.Tests;

[Collection(DirectoryCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ApiKeysApiTests(DirectoryFixture fixture)
{
    private const string ApiKeys = "/api/identity/api-keys";
    private const string Verify = "/internal/auth/api-keys/verify";

    [Fact]
    public async Task A_created_key_is_shown_once_and_only_its_hash_and_prefix_are_stored()
    {
        var orgId = await fixture.CreateOrganizationAsync();
        using var admin = fixture.ClientFor(orgId, Roles.Admin);

        var response = await admin.PostAsJsonAsync(ApiKeys, new { name = "  Billing export  ", role = "finance" });

        var created = await response.ShouldBeJsonAsync<CreatedApiKeyDto>(HttpStatusCode.Created);
        created.Key.ShouldMatch("^bo_[a-z0-9]{8}_[A-Za-z0-9]{32}$");
        created.Prefix.ShouldBe(created.Key[..11]);
        created.Name.ShouldBe("Billing export");
        created.Role.ShouldBe(Roles.Finance);
        created.Enabled.ShouldBeTrue();
        created.Revoked.ShouldBeFalse();
        created.LastUsedAt.ShouldBeNull();
        response.Headers.Location!.OriginalString.ShouldBe($"{ApiKeys}/{created.Id}");

        // Shown once: neither the key's own resource nor the list carries it again.
        var fetched = await admin.GetStringAsync(response.Headers.Location);
        JsonDocument.Parse(fetched).RootElement.TryGetProperty("key", out _).ShouldBeFalse();
        fetched.ShouldNotContain(created.Key);
        (await admin.GetStringAsync(ApiKeys)).ShouldNotContain(created.Key);

        var secret = created.Key[12..];
        await using var connection = fixture.OpenDatabase();
        var stored = await connection.QuerySingleAsync<(string Prefix, string KeyHash, string Row)>(
            "SELECT prefix, key_hash, row_to_json(k)::text FROM api_keys k WHERE id = @Id", new { created.Id });
        stored.Prefix.ShouldBe(created.Prefix);
        stored.KeyHash.ShouldBe(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(created.Key))));
        stored.Row.ShouldNotContain(secret);
        // Nor does any other place the service writes to: the audit log and the outbox.
        (await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM audit_log WHERE coalesce(new_values::text, '') LIKE @pattern OR coalesce(old_values::text, '') LIKE @pattern",
            new { pattern = $"%{secret}%" })).ShouldBe(0);
        (await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM outbox_messages WHERE payload::text LIKE @pattern", new { pattern = $"%{secret}%" })).ShouldBe(0);
    }

    [Fact]
    public async Task Verify_accepts_a_valid_key_and_refuses_unknown_malformed_disabled_and_revoked_ones()
    {
        var orgId = await fixture.CreateOrganizationAsync();
        using var admin = fixture.ClientFor(orgId, Roles.Admin);
        using var gateway = fixture.Gateway();
        var created = await CreateKeyAsync(admin, new { name = "Ingest", role = "ingest" });

        var verified = await (await gateway.PostAsJsonAsync(Verify, new { key = created.Key }))
            .ShouldBeJsonAsync<ApiKeyVerificationDto>(HttpStatusCode.OK);
        verified.ShouldBe(new ApiKeyVerificationDto(created.Id, orgId, Roles.Ingest, null, "Ingest"));

        var unknown = $"bo_{created.Key[3..11]}_{new string('x', 32)}";
        foreach (var refused in new[] { unknown, "not-a-key", "" })
        {
            await (await gateway.PostAsJsonAsync(Verify, new { key = refused })).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        }

        (await admin.PostAsync($"{ApiKeys}/{created.Id}/disable", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await gateway.PostAsJsonAsync(Verify, new { key = created.Key })).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        (await admin.PostAsync($"{ApiKeys}/{created.Id}/enable", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await gateway.PostAsJsonAsync(Verify, new { key = created.Key })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var revoked = await (await admin.PostAsync($"{ApiKeys}/{created.Id}/revoke", null))
            .ShouldBeJsonAsync<ApiKeyDto>(HttpStatusCode.OK);
        revoked.Revoked.ShouldBeTrue();
        revoked.RevokedAt.ShouldNotBeNull();
        await (await gateway.PostAsJsonAsync(Verify, new { key = created.Key })).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        // Revocation is permanent, and the key stays listed as revoked.
        await (await admin.PostAsync($"{ApiKeys}/{created.Id}/enable", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var listed = await admin.GetFromJsonAsync<PageDto<ApiKeyDto>>(ApiKeys);
        listed!.Items.ShouldHaveSingleItem().Revoked.ShouldBeTrue();
    }

    [Fact]
    public async Task Verify_is_for_the_gateway_only()
    {
        var orgId = await fixture.CreateOrganizationAsync();
        using var admin = fixture.ClientFor(orgId, Roles.Admin);
        using var anonymous = fixture.Anonymous();
        var created = await CreateKeyAsync(admin, new { name = "Reader", role = "read-only" });

        await (await admin.PostAsJsonAsync(Verify, new { key = created.Key })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await anonymous.PostAsJsonAsync(Verify, new { key = created.Key })).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_client_scoped_key_must_name_a_client_of_the_organization()
    {
        var orgId = await fixture.CreateOrganizationAsync();
        var otherOrgId = await fixture.CreateOrganizationAsync();
        using var admin = fixture.ClientFor(orgId, Roles.Admin);
        var ownClient = await fixture.KnownClientAsync(orgId, "Scoped Client");
        var foreignClient = await fixture.KnownClientAsync(otherOrgId, "Someone Else's Client");

        var scoped = await CreateKeyAsync(admin, new { name = "Client reader", role = "read-only", clientId = ownClient });
        scoped.ClientId.ShouldBe(ownClient);
        scoped.ClientName.ShouldBe("Scoped Client");
        using var gateway = fixture.Gateway();
        var verified = await (await gateway.PostAsJsonAsync(Verify, new { key = scoped.Key }))
            .ShouldBeJsonAsync<ApiKeyVerificationDto>(HttpStatusCode.OK);
        verified.ClientId.ShouldBe(ownClient);

        var foreign = await admin.PostAsJsonAsync(ApiKeys, new { name = "Foreign", role = "read-only", clientId = foreignClient });
        (await foreign.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ValidationErrors().ShouldContainKey("clientId");

        var scopedAdmin = await admin.PostAsJsonAsync(ApiKeys, new { name = "Scoped admin", role = "admin", clientId = ownClient });
        (await scopedAdmin.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ValidationErrors().ShouldContainKey("clientId");

        var keys = await admin.GetFromJsonAsync<PageDto<ApiKeyDto>>(ApiKeys);
        keys!.Items.ShouldHaveSingleItem().Id.ShouldBe(scoped.Id);
    }

    [Theory]
    [InlineData("""{"role":"admin"}""", "name")]
    [InlineData("""{"name":"No role"}""", "role")]
    [InlineData("""{"name":"Owner key","role":"owner"}""", "role")]
    [InlineData("""{"name":"Empty client","role":"finance","clientId":"00000000-0000-0000-0000-000000000000"}""", "clientId")]
    public async Task An_invalid_key_request_is_a_validation_problem(string json, string field)
    {
        var orgId = await fixture.CreateOrganizationAsync();
        using var admin = fixture.ClientFor(orgId, Roles.Admin);

        var response = await admin.PostAsync(ApiKeys, new StringContent(json, Encoding.UTF8, "application/json"));

        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ValidationErrors().ShouldContainKey(field);
    }

    [Fact]
    public async Task Every_change_writes_one_audit_entry_with_old_and_new_values_and_repeats_write_none()
    {
        var orgId = await fixture.CreateOrganizationAsync();
        var actorId = Guid.NewGuid();
        using var admin = fixture.ClientFor(orgId, Roles.Admin, actorId);
        var created = await CreateKeyAsync(admin, new { name = "Audited", role = "finance" });

        (await admin.PostAsync($"{ApiKeys}/{created.Id}/disable", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.PostAsync($"{ApiKeys}/{created.Id}/disable", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.PostAsync($"{ApiKeys}/{created.Id}/revoke", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.PostAsync($"{ApiKeys}/{created.Id}/revoke", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var entries = await fixture.EntriesAsync("api_keys", created.Id);
        entries.Select(entry => entry.Action).ShouldBe(["create", "disable", "revoke"]);
        entries.ShouldAllBe(entry => entry.OrgId == orgId && entry.ActorId == actorId && entry.ActorType == "user");

        entries[0].OldValues.ShouldBeNull();
        entries[0].New.GetProperty("name").GetString().ShouldBe("Audited");
        entries[0].New.GetProperty("prefix").GetString().ShouldBe(created.Prefix);
        entries[0].New.GetProperty("role").GetString().ShouldBe(Roles.Finance);
        entries[0].New.GetProperty("enabled").GetBoolean().ShouldBeTrue();

        entries[1].Old.GetProperty("enabled").GetBoolean().ShouldBeTrue();
        entries[1].New.GetProperty("enabled").GetBoolean().ShouldBeFalse();

        entries[2].Old.GetProperty("revokedAt").ValueKind.ShouldBe(JsonValueKind.Null);
        entries[2].New.GetProperty("revokedAt").GetDateTimeOffset().ShouldBeGreaterThanOrEqualTo(created.CreatedAt);
    }

    [Fact]
    public async Task An_action_by_an_api_key_is_audited_with_its_key_id()
    {
        var orgId = await fixture.CreateOrganizationAsync();
        var keyId = Guid.NewGuid();
        using var keyClient = fixture.ClientFor(orgId, Roles.Admin, keyId, ActorTypes.ApiKey);

        var created = await CreateKeyAsync(keyClient, new { name = "Made by a key", role = "read-only" });

        var entry = (await fixture.EntriesAsync("api_keys", created.Id)).ShouldHaveSingleItem();
        entry.ActorType.ShouldBe("api-key");
        entry.ApiKeyId.ShouldBe(keyId);
    }

    [Fact]
    public async Task Another_organizations_key_is_not_found_and_stays_untouched()
    {
        var orgId = await fixture.CreateOrganizationAsync();
        var otherOrgId = await fixture.CreateOrganizationAsync();
        using var admin = fixture.ClientFor(orgId, Roles.Admin);
        using var otherAdmin = fixture.ClientFor(otherOrgId, Roles.Admin);
        var created = await CreateKeyAsync(admin, new { name = "Mine", role = "admin" });

        await (await otherAdmin.GetAsync($"{ApiKeys}/{created.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        foreach (var action in new[] { "enable", "disable", "revoke" })
        {
            await (await otherAdmin.PostAsync($"{ApiKeys}/{created.Id}/{action}", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        }
        (await otherAdmin.GetFromJsonAsync<PageDto<ApiKeyDto>>(ApiKeys))!.TotalCount.ShouldBe(0);

        var mine = await admin.GetFromJsonAsync<ApiKeyDto>($"{ApiKeys}/{created.Id}");
        mine!.Enabled.ShouldBeTrue();
        mine.Revoked.ShouldBeFalse();
        (await fixture.EntriesAsync("api_keys", created.Id)).Count.ShouldBe(1);
    }

    [Theory]
    [InlineData(Roles.Finance)]
    [InlineData(Roles.ReadOnly)]
    [InlineData(Roles.Ingest)]
    public async Task Only_owners_and_admins_manage_keys(string role)
    {
        var orgId = await fixture.CreateOrganizationAsync();
        using var client = fixture.ClientFor(orgId, role);

        await (await client.GetAsync(ApiKeys)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await client.PostAsJsonAsync(ApiKeys, new { name = "Nope", role = "admin" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Last_used_is_written_by_the_batched_flush_not_by_each_verification()
    {
        var orgId = await fixture.CreateOrganizationAsync();
        using var admin = fixture.ClientFor(orgId, Roles.Admin);
        using var gateway = fixture.Gateway();
        var first = await CreateKeyAsync(admin, new { name = "First", role = "ingest" });
        var second = await CreateKeyAsync(admin, new { name = "Second", role = "ingest" });
        var recorder = fixture.Services.GetRequiredService<ApiKeyUsageRecorder>();

        foreach (var key in new[] { first.Key, second.Key, first.Key })
        {
            (await gateway.PostAsJsonAsync(Verify, new { key })).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        (await admin.GetFromJsonAsync<ApiKeyDto>($"{ApiKeys}/{first.Id}"))!.LastUsedAt.ShouldBeNull();

        // Uses noted by earlier tests of the service are flushed too: at least these two keys.
        (await recorder.FlushAsync(CancellationToken.None)).ShouldBeGreaterThanOrEqualTo(2);

        var firstUse = (await admin.GetFromJsonAsync<ApiKeyDto>($"{ApiKeys}/{first.Id}"))!.LastUsedAt;
        var secondUse = (await admin.GetFromJsonAsync<ApiKeyDto>($"{ApiKeys}/{second.Id}"))!.LastUsedAt;
        firstUse.ShouldNotBeNull();
        secondUse.ShouldNotBeNull();
        firstUse.Value.ShouldBeGreaterThanOrEqualTo(secondUse.Value);
        // Usage bookkeeping is not a change anyone made: it is not audited.
        (await fixture.EntriesAsync("api_keys", first.Id)).Select(entry => entry.Action).ShouldBe(["create"]);
    }

    private static async Task<CreatedApiKeyDto> CreateKeyAsync(HttpClient admin, object request) =>
        await (await admin.PostAsJsonAsync(ApiKeys, request)).ShouldBeJsonAsync<CreatedApiKeyDto>(HttpStatusCode.Created);
}

using System.Net;
using System.Net.Http.Json;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Identity.Data;
using BillingOne.Identity.Domain;
using BillingOne.Testing;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace BillingOne.Identity.Tests;

[Collection(DirectoryCollection.Name)]
[Trait("Category", "Integration")]
public sealed class DemoSeedTests(DirectoryFixture fixture)
{
    private static readonly Guid DemoOrgId = OrganizationContextExtensions.DemoOrganizationId;

    [Fact]
    public async Task The_demo_owner_signs_in_with_the_configured_password_and_the_admin_key_verifies()
    {
        using var gateway = fixture.Gateway();

        var owner = await (await gateway.PostAsJsonAsync("/internal/auth/sign-in",
                new { email = DemoDirectorySeeder.OwnerEmail, password = DirectoryFixture.SeedOwnerPassword }))
            .ShouldBeJsonAsync<SignedInUserDto>(HttpStatusCode.OK);
        (owner with { SessionId = Guid.Empty, SessionExpiresAt = default }).ShouldBe(new SignedInUserDto(
            DemoDirectorySeeder.OwnerId, DemoDirectorySeeder.OwnerName, DemoDirectorySeeder.OwnerEmail, DemoOrgId, Roles.Owner,
            Guid.Empty, default));

        var key = await (await gateway.PostAsJsonAsync("/internal/auth/api-keys/verify", new { key = DirectoryFixture.SeedAdminApiKey }))
            .ShouldBeJsonAsync<ApiKeyVerificationDto>(HttpStatusCode.OK);
        key.ShouldBe(new ApiKeyVerificationDto(DemoDirectorySeeder.AdminKeyId, DemoOrgId, Roles.Admin, null,
            DemoDirectorySeeder.AdminKeyName));

        using var admin = fixture.ClientFor(DemoOrgId, Roles.Admin);
        var organization = await admin.GetFromJsonAsync<OrganizationDto>("/api/identity/organization");
        organization!.Name.ShouldBe(DemoDirectorySeeder.OrganizationName);
    }

    [Fact]
    public async Task Seeding_is_audited_with_the_service_as_the_actor()
    {
        await using var connection = new NpgsqlConnection(fixture.DatabaseConnectionString);
        var entries = (await connection.QueryAsync<(string Table, string Action, string ActorType, string NewValues)>("""
            SELECT table_name, action, actor_type, new_values::text FROM audit_log
            WHERE org_id = @DemoOrgId AND record_id IN (@org, @owner, @key) AND action IN ('create', 'update')
            ORDER BY id
            """, new
        {
            DemoOrgId, org = DemoOrgId.ToString(), owner = DemoDirectorySeeder.OwnerId.ToString(),
            key = DemoDirectorySeeder.AdminKeyId.ToString(),
        })).ToList();

        entries.Take(3).Select(e => (e.Table, e.Action)).ShouldBe(
            [("organizations", "create"), ("users", "create"), ("api_keys", "update")]);
        entries.ShouldAllBe(e => e.ActorType == ActorTypes.Service);
        entries.ShouldAllBe(e => !e.NewValues.Contains("hash", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Seeding_again_changes_nothing()
    {
        var before = await DemoDirectoryAsync();

        var seeder = fixture.Services.GetServices<IHostedService>().OfType<DemoDirectorySeeder>().ShouldHaveSingleItem();
        await seeder.StartAsync(CancellationToken.None);

        (await DemoDirectoryAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_new_configured_admin_key_replaces_the_seeded_keys_secret_and_keeps_its_state()
    {
        using var gateway = fixture.Gateway();
        const string replacement = "bo_replaced_ZyXwVuTsRqPoNmLkJiHgFeDcBa987654";
        try
        {
            await SeedAsync(replacement);

            (await gateway.PostAsJsonAsync("/internal/auth/api-keys/verify", new { key = replacement })).StatusCode.ShouldBe(HttpStatusCode.OK);
            await (await gateway.PostAsJsonAsync("/internal/auth/api-keys/verify", new { key = DirectoryFixture.SeedAdminApiKey }))
                .ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
            await using var connection = new NpgsqlConnection(fixture.DatabaseConnectionString);
            (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM api_keys WHERE org_id = @DemoOrgId", new { DemoOrgId }))
                .ShouldBe(1);
        }
        finally
        {
            await SeedAsync(DirectoryFixture.SeedAdminApiKey);
        }
        (await gateway.PostAsJsonAsync("/internal/auth/api-keys/verify", new { key = DirectoryFixture.SeedAdminApiKey })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_admin_key_that_is_not_a_key_stops_the_start()
    {
        var seeder = Seeder(new Dictionary<string, string?>
        {
            ["Seed:Enabled"] = "true",
            ["Seed:OwnerPassword"] = DirectoryFixture.SeedOwnerPassword,
            ["Seed:AdminApiKey"] = "secret",
        });

        var failure = await Should.ThrowAsync<InvalidOperationException>(() => seeder.StartAsync(CancellationToken.None));
        failure.Message.ShouldContain("Seed:AdminApiKey");
    }

    private Task SeedAsync(string adminKey) => Seeder(new Dictionary<string, string?>
    {
        ["Seed:Enabled"] = "true",
        ["Seed:OwnerPassword"] = DirectoryFixture.SeedOwnerPassword,
        ["Seed:AdminApiKey"] = adminKey,
    }).StartAsync(CancellationToken.None);

    private DemoDirectorySeeder Seeder(Dictionary<string, string?> settings) => new(
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build(),
        fixture.Services.GetRequiredService<NpgsqlDataSource>(),
        fixture.Services.GetRequiredService<IServiceScopeFactory>(),
        fixture.Services.GetRequiredService<IPasswordHasher<User>>(),
        TimeProvider.System,
        NullLogger<DemoDirectorySeeder>.Instance);

    /// <summary>Every directory row of the demo organization, as JSON text.</summary>
    private async Task<List<string>> DemoDirectoryAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.DatabaseConnectionString);
        var rows = await connection.QueryAsync<string>("""
            SELECT row_to_json(o)::text FROM organizations o WHERE id = @DemoOrgId
            UNION ALL SELECT row_to_json(u)::text FROM users u WHERE org_id = @DemoOrgId
            UNION ALL SELECT row_to_json(k)::text FROM api_keys k WHERE org_id = @DemoOrgId
            UNION ALL SELECT 'audit entries: ' || count(*) FROM audit_log WHERE org_id = @DemoOrgId
            """, new { DemoOrgId });
        return rows.Order(StringComparer.Ordinal).ToList();
    }
}

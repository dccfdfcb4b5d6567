extern alias identity;
extern alias subscription;

using System.Net;
using System.Net.Http.Json;
using BillingOne.BuildingBlocks.Data;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Identity.Domain;
using BillingOne.Testing;
using Dapper;
using DbUp;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace BillingOne.Identity.Tests;

/// <summary>
/// An installation from before identity existed: the subscription service's database holds an organization with
/// settings, a user who signs in and API keys, one scoped to a client. After the upgrade (the subscription service's
/// migration, then identity's first start) the same people and keys get in exactly as before.
/// </summary>
[Trait("Category", "Integration")]
public sealed class DirectoryHandoverTests : IAsyncLifetime
{
    private const string Password = "Existing-owner-password-1";
    private const string AdminKey = "bo_handover_AbCdEfGhIjKlMnOpQrStUvWxYz012345";
    private const string ScopedKey = "bo_handscop_AbCdEfGhIjKlMnOpQrStUvWxYz012345";
    private static readonly string SetAsideScript = "0003_directory_moves_to_identity";

    private readonly Guid orgId = Guid.NewGuid();
    private readonly Guid ownerId = Guid.NewGuid();
    private readonly Guid clientId = Guid.NewGuid();
    private readonly Guid adminKeyId = Guid.NewGuid();
    private readonly Guid scopedKeyId = Guid.NewGuid();
    private readonly List<IAsyncDisposable> hosts = [];
    private string subscriptionDatabase = "";
    private string identityDatabase = "";
    private Uri virtualHost = null!;

    public async Task InitializeAsync()
    {
        var servers = await TestServers.GetAsync();
        subscriptionDatabase = await servers.CreateDatabaseAsync("handoversubscription");
        identityDatabase = await servers.CreateDatabaseAsync("handoveridentity");
        virtualHost = await servers.CreateVirtualHostAsync("handover");
        MigrateSubscriptionAsBeforeIdentity();
        await using var connection = new NpgsqlConnection(subscriptionDatabase);
        await InsertExistingDirectoryAsync(connection);
    }

    [Fact]
    public async Task Existing_organizations_users_and_keys_keep_working_after_the_move()
    {
        using var subscriptionClient = StartSubscription();
        await using (var connection = new NpgsqlConnection(subscriptionDatabase))
        {
            (await connection.ExecuteScalarAsync<bool>("SELECT to_regclass('public.users') IS NULL"))
                .ShouldBeTrue("the subscription service no longer keeps users");
            (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM directory_handover.users")).ShouldBe(1);
        }

        var identityService = StartIdentity();
        using var gateway = identityService.Gateway;

        var admin = await (await gateway.PostAsJsonAsync("/internal/auth/api-keys/verify", new { key = AdminKey }))
            .ShouldBeJsonAsync<ApiKeyVerificationDto>(HttpStatusCode.OK);
        admin.ShouldBe(new ApiKeyVerificationDto(adminKeyId, orgId, Roles.Admin, null, "Existing admin key"));
        var scoped = await (await gateway.PostAsJsonAsync("/internal/auth/api-keys/verify", new { key = ScopedKey }))
            .ShouldBeJsonAsync<ApiKeyVerificationDto>(HttpStatusCode.OK);
        scoped.ShouldBe(new ApiKeyVerificationDto(scopedKeyId, orgId, Roles.ReadOnly, clientId, "Existing client key"));

        var signedIn = await (await gateway.PostAsJsonAsync("/internal/auth/sign-in",
            new { email = "owner@existing.example", password = Password }))
            .ShouldBeJsonAsync<SignedInUserDto>(HttpStatusCode.OK);
        (signedIn with { SessionId = Guid.Empty, SessionExpiresAt = default }).ShouldBe(
            new SignedInUserDto(ownerId, "Existing Owner", "owner@existing.example", orgId, Roles.Owner, Guid.Empty, default));
        (await (await gateway.GetAsync($"/internal/auth/sessions/{signedIn.SessionId}"))
            .ShouldBeJsonAsync<SessionUserDto>(HttpStatusCode.OK)).Enabled.ShouldBeTrue();

        using var orgAdmin = identityService.ClientFor(orgId, Roles.Admin);
        var organization = (await orgAdmin.GetFromJsonAsync<OrganizationDto>("/api/identity/organization"))!;
        organization.ShouldBe(organization with
        {
            Name = "Existing MSP",
            TimeZone = "Australia/Sydney",
            Currency = "NZD",
            BillingGraceDays = 7,
        });
        var keys = await orgAdmin.GetFromJsonAsync<PageDto<ApiKeyDto>>("/api/identity/api-keys");
        keys!.Items.Select(key => (key.Id, key.ClientId, key.Enabled))
            .ShouldBe([(adminKeyId, null, true), (scopedKeyId, clientId, true)], ignoreOrder: true);

        // The clients stayed with the subscription service; the handover schema is gone.
        var clients = await subscriptionClient.GetFromJsonAsync<PageDto<ClientNameDto>>("/api/subscription/clients");
        clients!.Items.Select(client => client.Name).ShouldBe(["Existing Client"]);
        await using var source = new NpgsqlConnection(subscriptionDatabase);
        (await source.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT FROM pg_namespace WHERE nspname = 'directory_handover')")).ShouldBeFalse();
    }

    [Fact]
    public async Task A_second_start_takes_nothing_over_again_and_keeps_later_changes()
    {
        using var subscriptionClient = StartSubscription();
        var first = StartIdentity();
        using (var orgAdmin = first.ClientFor(orgId, Roles.Admin))
        {
            (await orgAdmin.PostAsync($"/api/identity/api-keys/{adminKeyId}/disable", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var second = StartIdentity();
        using var gateway = second.Gateway;
        await (await gateway.PostAsJsonAsync("/internal/auth/api-keys/verify", new { key = AdminKey }))
            .ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await using var connection = new NpgsqlConnection(identityDatabase);
        (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM users WHERE org_id = @orgId", new { orgId })).ShouldBe(1);
    }

    public async Task DisposeAsync()
    {
        foreach (var host in Enumerable.Reverse(hosts))
        {
            await host.DisposeAsync();
        }
    }

    /// <summary>The building blocks' and the subscription service's migrations up to, not including, the move.</summary>
    private void MigrateSubscriptionAsBeforeIdentity()
    {
        new DatabaseMigrations(subscriptionDatabase, typeof(DatabaseMigrations).Assembly).Apply(NullLogger.Instance);
        var upgrade = DeployChanges.To.PostgresqlDatabase(subscriptionDatabase)
            .WithScriptsEmbeddedInAssembly(typeof(subscription::BillingOne.Subscription.Extensions.Extensions).Assembly,
                name => name.Contains(".Migrations.", StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal)
                    && !name.Contains(SetAsideScript, StringComparison.Ordinal))
            .WithTransactionPerScript()
            .Build()
            .PerformUpgrade();
        upgrade.Successful.ShouldBeTrue(upgrade.Error?.Message);
    }

    private async Task InsertExistingDirectoryAsync(NpgsqlConnection connection)
    {
        var created = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
        var owner = new User(orgId, ownerId, "owner@existing.example", "Existing Owner", Roles.Owner, true, null,
            created, created);
        var passwordHash = new PasswordHasher<User>().HashPassword(owner, Password);
        await connection.ExecuteAsync("""
            INSERT INTO organizations (id, name, time_zone, currency, billing_grace_days, created_at, updated_at)
            VALUES (@orgId, 'Existing MSP', 'Australia/Sydney', 'NZD', 7, @created, @created);
            INSERT INTO clients (org_id, id, name, enabled, time_zone, version, created_at, updated_at)
            VALUES (@orgId, @clientId, 'Existing Client', true, 'Australia/Sydney', 3, @created, @created);
            INSERT INTO users (org_id, id, email, display_name, password_hash, role, created_at, updated_at)
            VALUES (@orgId, @ownerId, 'owner@existing.example', 'Existing Owner', @passwordHash, 'owner', @created, @created);
            INSERT INTO api_keys (org_id, id, name, prefix, key_hash, role, client_id, created_at)
            VALUES (@orgId, @adminKeyId, 'Existing admin key', @adminPrefix, @adminHash, 'admin', NULL, @created),
                   (@orgId, @scopedKeyId, 'Existing client key', @scopedPrefix, @scopedHash, 'read-only', @clientId, @created);
            """, new
        {
            orgId, clientId, ownerId, adminKeyId, scopedKeyId, created, passwordHash,
            adminPrefix = Secret(AdminKey).Prefix, adminHash = Secret(AdminKey).Hash,
            scopedPrefix = Secret(ScopedKey).Prefix, scopedHash = Secret(ScopedKey).Hash,
        });
    }

    private static ApiKeySecret Secret(string key) =>
        ApiKeySecret.TryParse(key, out var secret) ? secret : throw new ArgumentException($"'{key}' is not a key.");

    /// <summary>The subscription service on the old database: starting it applies the migration that sets the directory aside.</summary>
    private HttpClient StartSubscription()
    {
        var factory = new ServiceFactory<subscription::Program>("subscription", subscriptionDatabase, virtualHost);
        hosts.Add(factory);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = TestTokens.For(orgId, Roles.Admin);
        return client;
    }

    private IdentityService StartIdentity()
    {
        var factory = new ServiceFactory<identity::Program>("identity", identityDatabase, virtualHost)
            .WithWebHostBuilder(builder => builder.UseSetting("DirectoryHandover:SourceConnectionString", subscriptionDatabase));
        hosts.Add(factory);
        factory.UseKestrel(0);
        factory.StartServer();
        return new IdentityService(factory);
    }

    private sealed record ClientNameDto(Guid Id, string Name);

    private sealed class IdentityService(WebApplicationFactory<identity::Program> factory)
    {
        private readonly Uri address = factory.KestrelAddress();

        public HttpClient Gateway => With(TestTokens.For(Guid.Empty, Roles.Service, actorType: ActorTypes.Service));

        public HttpClient ClientFor(Guid orgId, string role) => With(TestTokens.For(orgId, role));

        private HttpClient With(System.Net.Http.Headers.AuthenticationHeaderValue authorization) =>
            new() { BaseAddress = address, DefaultRequestHeaders = { Authorization = authorization } };
    }
}

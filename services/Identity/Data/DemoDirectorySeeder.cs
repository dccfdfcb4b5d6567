using BillingOne.BuildingBlocks.Auditing;
using BillingOne.BuildingBlocks.Security;
using BillingOne.BuildingBlocks.Tenancy;
using BillingOne.Identity.Domain;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace BillingOne.Identity.Data;

/// <summary>
/// Creates the demo organization, its owner and its admin API key at start-up when <c>Seed:Enabled</c> is true
/// (the AppHost sets it for local runs). Registered after the migration service, so the tables exist. Running it
/// again changes nothing: the organization and owner are only inserted when missing (an owner's later changes
/// are kept), and the admin key is kept equal to <c>Seed:AdminApiKey</c> with its enabled/revoked state untouched.
/// With <c>Seed:Smtp:Host</c> and <c>Seed:Smtp:Port</c> the demo organization's notification mails go to that server
/// unless its SMTP settings were saved before. Every row it writes is audited with the service as the actor; a run
/// that writes nothing records nothing.
/// </summary>
public sealed partial class DemoDirectorySeeder(
    IConfiguration configuration,
    NpgsqlDataSource dataSource,
    IServiceScopeFactory scopes,
    IPasswordHasher<User> passwordHasher,
    TimeProvider timeProvider,
    ILogger<DemoDirectorySeeder> logger) : IHostedService
{
    public const string OrganizationName = "Demo MSP";
    public const string OwnerEmail = "owner@demo.billingone.dev";
    public const string OwnerName = "Demo Owner";
    public const string AdminKeyName = "Demo admin key";
    public const string DemoMailFrom = "billing@demo.billingone.dev";
    public static readonly Guid OwnerId = Guid.Parse("0b111111-0000-4000-8000-000000000101");
    public static readonly Guid AdminKeyId = Guid.Parse("0b111111-0000-4000-8000-000000000201");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var seed = configuration.GetSection("Seed");
        if (!seed.GetValue<bool>("Enabled"))
        {
            return;
        }
        var ownerPassword = seed["OwnerPassword"];
        if (ownerPassword is null || ownerPassword.Length < PasswordRules.MinLength)
        {
            throw new InvalidOperationException(
                $"Seed:OwnerPassword must be set to at least {PasswordRules.MinLength} characters when Seed:Enabled is true.");
        }
        var adminKey = seed["AdminApiKey"];
        ApiKeySecret? adminKeySecret = null;
        if (!string.IsNullOrEmpty(adminKey) && !ApiKeySecret.TryParse(adminKey, out adminKeySecret))
        {
            throw new InvalidOperationException(
                "Seed:AdminApiKey is not an API key: expected bo_<8 lowercase letters or digits>_<32 letters or digits>.");
        }

        var orgId = OrganizationContextExtensions.DemoOrganizationId;
        var now = timeProvider.GetUtcNow();
        await using var scope = scopes.CreateAsyncScope();
        var audit = scope.ServiceProvider.GetRequiredService<IAuditTrail>();
        var seeder = AuditActor.Service(orgId);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var organizationsAdded = await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO organizations (id, name, created_at, updated_at) VALUES (@orgId, @name, @now, @now)
            ON CONFLICT (id) DO NOTHING
            """, new { orgId, name = OrganizationName, now }, transaction, cancellationToken: cancellationToken));
        if (organizationsAdded > 0)
        {
            await audit.RecordAsync(transaction, seeder, AuditActions.Create, DirectoryAudit.OrganizationsTable,
                orgId.ToString(), null, new { Name = OrganizationName }, cancellationToken);
        }

        // Conflicts on the email or the id both mean the owner is there already: their later changes are kept.
        var owner = new User(orgId, OwnerId, OwnerEmail, OwnerName, Roles.Owner, Enabled: true, null, now, now);
        var ownersAdded = await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO users (org_id, id, email, display_name, password_hash, role, enabled, created_at, updated_at)
            VALUES (@OrgId, @Id, @Email, @Name, @passwordHash, @Role, true, @now, @now)
            ON CONFLICT DO NOTHING
            """, new
        {
            owner.OrgId, owner.Id, owner.Email, owner.Name, owner.Role,
            passwordHash = passwordHasher.HashPassword(owner, ownerPassword), now
        },
            transaction, cancellationToken: cancellationToken));
        if (ownersAdded > 0)
        {
            await audit.RecordAsync(transaction, seeder, AuditActions.Create, DirectoryAudit.UsersTable,
                OwnerId.ToString(), null, DirectoryAudit.Values(owner), cancellationToken);
        }

        var keysChanged = 0;
        if (adminKeySecret is not null)
        {
            keysChanged = await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO api_keys (org_id, id, name, prefix, key_hash, role, enabled, created_at)
                VALUES (@orgId, @id, @name, @prefix, @hash, @role, true, @now)
                ON CONFLICT (org_id, id) DO UPDATE SET prefix = excluded.prefix, key_hash = excluded.key_hash
                WHERE api_keys.key_hash <> excluded.key_hash
                """, new
            {
                orgId, id = AdminKeyId, name = AdminKeyName, prefix = adminKeySecret.Prefix,
                hash = adminKeySecret.Hash, role = Roles.Admin, now
            },
                transaction, cancellationToken: cancellationToken));
            if (keysChanged > 0)
            {
                // A new key or a new secret for the demo key; the hash never reaches the audit log.
                await audit.RecordAsync(transaction, seeder, AuditActions.Update, DirectoryAudit.ApiKeysTable,
                    AdminKeyId.ToString(), null,
                    new { Name = AdminKeyName, adminKeySecret.Prefix, Role = Roles.Admin }, cancellationToken);
            }
        }
        // The local SMTP sink of the default run (AppHost/SmtpSink.cs), so a person sees the mails the demo sends.
        if (seed["Smtp:Host"] is { Length: > 0 } smtpHost)
        {
            await scope.ServiceProvider.GetRequiredService<SmtpSettingsStore>().SeedAsync(transaction, orgId,
                new SmtpSettings(smtpHost, seed.GetValue<int>("Smtp:Port"), SmtpTlsModes.None, null, null, DemoMailFrom),
                seeder, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        LogSeeded(orgId, organizationsAdded > 0, ownersAdded > 0, keysChanged > 0);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Demo directory seeded for organization {OrgId}: organization added {OrganizationAdded}, owner added {OwnerAdded}, admin key written {AdminKeyWritten}")]
    private partial void LogSeeded(Guid orgId, bool organizationAdded, bool ownerAdded, bool adminKeyWritten);
}

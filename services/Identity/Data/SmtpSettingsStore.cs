using BillingOne.BuildingBlocks.Auditing;
using BillingOne.Identity.Domain;
using Dapper;
using Microsoft.AspNetCore.DataProtection;
using Npgsql;

namespace BillingOne.Identity.Data;

/// <summary>
/// The organization's mail server. The password is encrypted with ASP.NET Core Data Protection, keyed in the
/// service's database, as vendor secrets are (<c>AddDatabaseDataProtection</c>); it is decrypted only to send mail
/// and never answered by the API or written to the audit log.
/// </summary>
public sealed class SmtpSettingsStore(NpgsqlDataSource dataSource, IDataProtectionProvider protection, IAuditTrail audit,
    TimeProvider clock)
{
    public const string SettingsTable = "smtp_settings";

    /// <summary>The audit action of a test mail (nothing changed; the outcome is the entry's new values).</summary>
    public const string TestMailAction = "send-test-mail";

    private readonly IDataProtector protector = protection.CreateProtector("BillingOne.Identity.SmtpPassword.v1");

    /// <summary>The organization's settings with the password decrypted, or null when none were saved.</summary>
    public async Task<SmtpSettings?> FindAsync(Guid orgId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition("""
            SELECT host, port, tls_mode AS TlsMode, user_name AS UserName, protected_password AS ProtectedPassword,
                   from_address AS FromAddress
            FROM smtp_settings WHERE org_id = @orgId
            """, new { orgId }, cancellationToken: cancellationToken));
        return row is null ? null : new SmtpSettings(row.Host, row.Port, row.TlsMode, row.UserName,
            row.ProtectedPassword is null ? null : protector.Unprotect(row.ProtectedPassword), row.FromAddress);
    }

    public async Task SaveAsync(Guid orgId, SmtpSettings settings, CancellationToken cancellationToken)
    {
        var before = await FindAsync(orgId, cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition($"""
            {Insert}
            ON CONFLICT (org_id) DO UPDATE
            SET host = EXCLUDED.host, port = EXCLUDED.port, tls_mode = EXCLUDED.tls_mode, user_name = EXCLUDED.user_name,
                protected_password = EXCLUDED.protected_password, from_address = EXCLUDED.from_address,
                updated_at = EXCLUDED.updated_at
            """, Parameters(orgId, settings), transaction, cancellationToken: cancellationToken));
        await audit.RecordAsync(transaction, AuditActions.Update, SettingsTable, orgId.ToString(),
            before is null ? null : Audited(before), Audited(settings), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Audits a test mail (Settings → Email notifications, "Send test mail") as the caller: where it went and whether
    /// the server took it, with the server's error when it did not.
    /// </summary>
    public async Task RecordTestMailAsync(Guid orgId, string toAddress, string? error, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await audit.RecordAsync(transaction, TestMailAction, SettingsTable, orgId.ToString(), null,
            new { ToAddress = toAddress, Outcome = error is null ? "sent" : "failed", Error = error }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The demo seed's settings, written only where the organization has none (a person's change is kept).</summary>
    public async Task SeedAsync(NpgsqlTransaction transaction, Guid orgId, SmtpSettings settings, AuditActor actor,
        CancellationToken cancellationToken)
    {
        if (await transaction.Connection!.ExecuteAsync(new CommandDefinition($"{Insert} ON CONFLICT (org_id) DO NOTHING",
                Parameters(orgId, settings), transaction, cancellationToken: cancellationToken)) > 0)
        {
            await audit.RecordAsync(transaction, actor, AuditActions.Create, SettingsTable, orgId.ToString(), null,
                Audited(settings), cancellationToken);
        }
    }

    private const string Insert = """
        INSERT INTO smtp_settings (org_id, host, port, tls_mode, user_name, protected_password, from_address, updated_at)
        VALUES (@orgId, @Host, @Port, @TlsMode, @UserName, @protectedPassword, @FromAddress, @now)
        """;

    private object Parameters(Guid orgId, SmtpSettings settings) => new
    {
        orgId, settings.Host, settings.Port, settings.TlsMode, settings.UserName, settings.FromAddress,
        protectedPassword = settings.Password is null ? null : protector.Protect(settings.Password),
        now = clock.GetUtcNow(),
    };

    /// <summary>What the audit log keeps: whether a password is set, never the password.</summary>
    private static object Audited(SmtpSettings settings) => new
    {
        settings.Host, settings.Port, settings.TlsMode, settings.UserName, settings.FromAddress,
        PasswordSet = settings.Password is not null,
    };

    private sealed record Row(string Host, int Port, string TlsMode, string? UserName, string? ProtectedPassword,
        string FromAddress);
}

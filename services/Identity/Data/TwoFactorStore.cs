using BillingOne.BuildingBlocks.Auditing;
using BillingOne.Identity.Domain;
using Dapper;
using Microsoft.AspNetCore.DataProtection;
using Npgsql;

namespace BillingOne.Identity.Data;

/// <summary>A user's two-factor state, as Settings → Security shows it.</summary>
/// <param name="Enabled">A confirmed authenticator: sign-in asks for its code.</param>
/// <param name="Pending">An enrollment waits for its first code.</param>
/// <param name="RequiredByOrganization">The organization requires two-factor of every user.</param>
public sealed record TwoFactorStatus(bool Enabled, DateTimeOffset? EnabledAt, bool Pending, bool RequiredByOrganization);

/// <summary>What confirming an enrollment came to.</summary>
public enum TwoFactorConfirmation
{
    Enabled,
    WrongCode,
    NoEnrollment,
    AlreadyEnabled,
}

/// <summary>What an admin's reset of a member's two-factor came to.</summary>
public enum TwoFactorReset
{
    Reset,
    UserNotFound,
    NotOn,
}

/// <summary>
/// The users' authenticator secrets (TOTP, <see cref="Totp"/>). A secret is encrypted with ASP.NET Core Data
/// Protection keyed in the service's database, exactly as the mail server's password is
/// (<see cref="SmtpSettingsStore"/>, <c>AddDatabaseDataProtection</c>); it leaves the service only once, in the
/// enrollment's answer, and never reaches the audit log. Enabling and disabling are audited on the user's record.
/// Every accepted code moves <c>last_used_step</c> forward in the same statement that checks it, so two requests with
/// one code cannot both pass.
/// </summary>
public sealed partial class TwoFactorStore(
    NpgsqlDataSource dataSource,
    IDataProtectionProvider protection,
    IAuditTrail audit,
    UserSessionStore sessions,
    TimeProvider clock,
    ILogger<TwoFactorStore> logger)
{
    /// <summary>The bell entry of a member whose two-factor an admin reset (not one of the rule-chosen events).</summary>
    public const string ResetNotificationEvent = "two-factor-reset";

    private readonly IDataProtector protector = protection.CreateProtector("BillingOne.Identity.TotpSecret.v1");

    public async Task<TwoFactorStatus> StatusAsync(Guid orgId, Guid userId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<StatusRow>(new CommandDefinition("""
            SELECT o.require_two_factor AS Required, t.confirmed_at AS ConfirmedAt, t.org_id IS NOT NULL AS HasRow
            FROM organizations o LEFT JOIN user_totp t ON t.org_id = o.id AND t.user_id = @userId
            WHERE o.id = @orgId
            """, new { orgId, userId }, cancellationToken: cancellationToken));
        return row is null
            ? new TwoFactorStatus(false, null, false, false)
            : new TwoFactorStatus(row.ConfirmedAt is not null,
                row.ConfirmedAt is { } at ? new DateTimeOffset(at, TimeSpan.Zero) : null,
                row.HasRow && row.ConfirmedAt is null, row.Required);
    }

    /// <summary>
    /// A new secret for the user, waiting for its first code; an earlier unconfirmed one is replaced. Null when the
    /// user already has two-factor on (they turn it off first).
    /// </summary>
    public async Task<byte[]?> BeginEnrollmentAsync(Guid orgId, Guid userId, CancellationToken cancellationToken)
    {
        var secret = Totp.GenerateSecret();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var written = await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO user_totp (org_id, user_id, protected_secret, created_at)
            VALUES (@orgId, @userId, @protectedSecret, @now)
            ON CONFLICT (org_id, user_id) DO UPDATE
            SET protected_secret = EXCLUDED.protected_secret, created_at = EXCLUDED.created_at, last_used_step = NULL
            WHERE user_totp.confirmed_at IS NULL
            """, new { orgId, userId, protectedSecret = Protect(secret), now = clock.GetUtcNow() },
            cancellationToken: cancellationToken));
        return written == 0 ? null : secret;
    }

    /// <summary>Turns two-factor on once <paramref name="code"/> proves the user's app has the pending secret.</summary>
    public async Task<TwoFactorConfirmation> ConfirmAsync(Guid orgId, Guid userId, string code,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var row = await FindAsync(transaction, orgId, userId, cancellationToken);
        if (row is null)
        {
            return TwoFactorConfirmation.NoEnrollment;
        }
        if (row.ConfirmedAt is not null)
        {
            return TwoFactorConfirmation.AlreadyEnabled;
        }
        if (Totp.Verify(Unprotect(row.ProtectedSecret), code, now, row.LastUsedStep) is not { } step)
        {
            return TwoFactorConfirmation.WrongCode;
        }
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE user_totp SET confirmed_at = @now, last_used_step = @step WHERE org_id = @orgId AND user_id = @userId
            """, new { orgId, userId, now, step }, transaction, cancellationToken: cancellationToken));
        await audit.RecordAsync(transaction, AuditActions.Enable, DirectoryAudit.UsersTable, userId.ToString(),
            new { TwoFactor = false }, new { TwoFactor = true }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogEnabled(userId, orgId);
        return TwoFactorConfirmation.Enabled;
    }

    /// <summary>
    /// Whether <paramref name="code"/> is a current code of the user's confirmed secret that was not used before;
    /// when it is, it is used up in <paramref name="transaction"/>.
    /// </summary>
    internal async Task<bool> UseCodeAsync(NpgsqlTransaction transaction, Guid orgId, Guid userId, string code,
        CancellationToken cancellationToken)
    {
        var row = await FindAsync(transaction, orgId, userId, cancellationToken);
        if (row is not { ConfirmedAt: not null }
            || Totp.Verify(Unprotect(row.ProtectedSecret), code, clock.GetUtcNow(), row.LastUsedStep) is not { } step)
        {
            return false;
        }
        // Only forward: a concurrent request that used this step (or a later one) first wins.
        return await transaction.Connection!.ExecuteAsync(new CommandDefinition("""
            UPDATE user_totp SET last_used_step = @step
            WHERE org_id = @orgId AND user_id = @userId AND (last_used_step IS NULL OR last_used_step < @step)
            """, new { orgId, userId, step }, transaction, cancellationToken: cancellationToken)) == 1;
    }

    /// <summary>Turns two-factor off with a current code; false when the code is wrong, used or there is nothing on.</summary>
    public async Task<bool> DisableWithCodeAsync(Guid orgId, Guid userId, string code, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await UseCodeAsync(transaction, orgId, userId, code, cancellationToken))
        {
            return false;
        }
        await DisableAsync(transaction, orgId, userId, proof: "code", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Removes the user's secret, confirmed or not, in <paramref name="transaction"/>; audited when one was on.</summary>
    internal async Task<bool> DisableAsync(NpgsqlTransaction transaction, Guid orgId, Guid userId, string proof,
        CancellationToken cancellationToken)
    {
        var wasOn = await transaction.Connection!.ExecuteScalarAsync<bool?>(new CommandDefinition("""
            DELETE FROM user_totp WHERE org_id = @orgId AND user_id = @userId RETURNING confirmed_at IS NOT NULL
            """, new { orgId, userId }, transaction, cancellationToken: cancellationToken));
        if (wasOn is not true)
        {
            return false;
        }
        await audit.RecordAsync(transaction, AuditActions.Disable, DirectoryAudit.UsersTable, userId.ToString(),
            new { TwoFactor = true }, new { TwoFactor = false, Proof = proof }, cancellationToken);
        LogDisabled(userId, orgId, proof);
        return true;
    }

    /// <summary>
    /// An admin's reset for a member who lost their authenticator: the member's secret is removed (audited, proof
    /// "admin-reset", in the admin's name), every session of theirs ends, and their bell tells them. They sign in
    /// with the password alone, or are sent to enroll again when the organization requires two-factor.
    /// </summary>
    public async Task<TwoFactorReset> ResetAsync(Guid orgId, Guid userId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var exists = await connection.ExecuteScalarAsync<bool>(new CommandDefinition("""
            SELECT EXISTS (SELECT 1 FROM users WHERE org_id = @orgId AND id = @userId)
            """, new { orgId, userId }, transaction, cancellationToken: cancellationToken));
        if (!exists)
        {
            return TwoFactorReset.UserNotFound;
        }
        if (!await DisableAsync(transaction, orgId, userId, proof: "admin-reset", cancellationToken))
        {
            // An unconfirmed enrollment the delete just removed is nothing to reset: keep it.
            return TwoFactorReset.NotOn;
        }
        var ended = await sessions.EndAllAsync(transaction, orgId, userId, cancellationToken);
        await NotificationStore.RecordForUserAsync(transaction, orgId, userId, ResetNotificationEvent,
            "Your two-factor sign-in was reset",
            "An admin removed your authenticator, and you were signed out everywhere. Sign in with your password " +
            "and set up two-factor again in Settings → Security.",
            "/settings/security", clock.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogReset(userId, orgId, ended);
        return TwoFactorReset.Reset;
    }

    /// <summary>Whether the user has a confirmed secret and whether their organization requires one.</summary>
    internal static async Task<(bool Enabled, bool Required)> StateAsync(NpgsqlConnection connection,
        NpgsqlTransaction? transaction, Guid orgId, Guid userId, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<(bool Enabled, bool Required)>(new CommandDefinition("""
            SELECT EXISTS (SELECT 1 FROM user_totp t
                           WHERE t.org_id = o.id AND t.user_id = @userId AND t.confirmed_at IS NOT NULL) AS Enabled,
                   o.require_two_factor AS Required
            FROM organizations o WHERE o.id = @orgId
            """, new { orgId, userId }, transaction, cancellationToken: cancellationToken));
        return row;
    }

    private static Task<SecretRow?> FindAsync(NpgsqlTransaction transaction, Guid orgId, Guid userId,
        CancellationToken cancellationToken) =>
        transaction.Connection!.QuerySingleOrDefaultAsync<SecretRow>(new CommandDefinition("""
            SELECT protected_secret AS ProtectedSecret, confirmed_at AS ConfirmedAt, last_used_step AS LastUsedStep
            FROM user_totp WHERE org_id = @orgId AND user_id = @userId FOR UPDATE
            """, new { orgId, userId }, transaction, cancellationToken: cancellationToken));

    private string Protect(byte[] secret) => protector.Protect(Convert.ToBase64String(secret));

    private byte[] Unprotect(string protectedSecret) => Convert.FromBase64String(protector.Unprotect(protectedSecret));

    private sealed record SecretRow(string ProtectedSecret, DateTime? ConfirmedAt, long? LastUsedStep);

    private sealed record StatusRow(bool Required, DateTime? ConfirmedAt, bool HasRow);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} of organization {OrgId} turned two-factor on")]
    private partial void LogEnabled(Guid userId, Guid orgId);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "User {UserId} of organization {OrgId} turned two-factor off, proven by {Proof}")]
    private partial void LogDisabled(Guid userId, Guid orgId, string proof);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Two-factor of user {UserId} of organization {OrgId} reset by an admin; {EndedSessions} session(s) ended")]
    private partial void LogReset(Guid userId, Guid orgId, int endedSessions);
}

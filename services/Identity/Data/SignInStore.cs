using System.Security.Cryptography;
using BillingOne.BuildingBlocks.Auditing;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Identity.Domain;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace BillingOne.Identity.Data;

public enum SignInOutcome
{
    SignedIn,
    /// <summary>Unknown email, wrong password or disabled user: deliberately indistinguishable to the caller.</summary>
    Refused,
    LockedOut,
}

public sealed record SignInResult(SignInOutcome Outcome, User? User = null, TimeSpan? RetryAfter = null);

/// <summary>
/// Checks an email and password and keeps the lockout bookkeeping. The user row stays locked from lookup to
/// commit, so parallel guesses against one account are counted one after the other and cannot exceed the limit.
/// A successful sign-in is audited as the user's own action and a lockout as the service's; single failures and
/// rehashes are bookkeeping, kept in the logs only.
/// </summary>
public sealed partial class SignInStore(
    NpgsqlDataSource dataSource,
    IPasswordHasher<User> passwordHasher,
    IAuditTrail audit,
    TimeProvider timeProvider,
    ILogger<SignInStore> logger)
{
    // The hasher ignores the user it is given; this stands in where there is none.
    private static readonly User NoUser = new(Guid.Empty, Guid.Empty, "", "", "", Enabled: false, 0, null, null,
        DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    // Verified against when the email is unknown, so that costs the same time as a wrong password.
    private readonly Lazy<string> unknownUserHash = new(() =>
        passwordHasher.HashPassword(NoUser, RandomNumberGenerator.GetHexString(32)));

    public async Task<SignInResult> SignInAsync(string email, string password, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // By email alone, not by organization: the email is what tells which organization signs in.
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition($"""
            SELECT {UserRow.Columns} FROM users WHERE lower(email) = lower(@email) FOR UPDATE
            """, new { email = email.Trim() }, transaction, cancellationToken: cancellationToken));
        if (row is null)
        {
            passwordHasher.VerifyHashedPassword(NoUser, unknownUserHash.Value, password);
            LogUnknownEmail();
            return new SignInResult(SignInOutcome.Refused);
        }

        var user = row.ToUser();
        var now = timeProvider.GetUtcNow();
        if (SignInLockout.Remaining(user.LockedUntil, now) is { } remaining)
        {
            LogLockedOut(user.Id, user.LockedUntil!.Value);
            return new SignInResult(SignInOutcome.LockedOut, RetryAfter: remaining);
        }

        var passwordHash = await connection.ExecuteScalarAsync<string>(new CommandDefinition("""
            SELECT password_hash FROM users WHERE org_id = @OrgId AND id = @Id
            """, new { user.OrgId, user.Id }, transaction, cancellationToken: cancellationToken));
        var verification = passwordHasher.VerifyHashedPassword(user, passwordHash!, password);
        if (verification == PasswordVerificationResult.Failed)
        {
            var (failures, lockedUntil) = SignInLockout.AfterFailure(user.FailedSignIns, now);
            await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE users SET failed_sign_ins = @failures, locked_until = coalesce(@lockedUntil, locked_until)
                WHERE org_id = @OrgId AND id = @Id
                """, new { user.OrgId, user.Id, failures, lockedUntil }, transaction,
                cancellationToken: cancellationToken));
            if (lockedUntil is not null)
            {
                await audit.RecordAsync(transaction, AuditActor.Service(user.OrgId), AuditActions.Lock,
                    DirectoryAudit.UsersTable, user.Id.ToString(), new { user.Email, LockedUntil = (DateTimeOffset?)null },
                    new { user.Email, LockedUntil = lockedUntil }, cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            if (lockedUntil is { } until)
            {
                LogLockoutStarted(user.Id, SignInLockout.MaxConsecutiveFailures, until);
                return new SignInResult(SignInOutcome.LockedOut, RetryAfter: until - now);
            }
            LogWrongPassword(user.Id, failures);
            return new SignInResult(SignInOutcome.Refused);
        }
        if (!user.Enabled)
        {
            LogDisabled(user.Id);
            return new SignInResult(SignInOutcome.Refused);
        }

        // Hashes made with older or weaker settings are upgraded while the plain password is at hand.
        var upgradedHash = verification == PasswordVerificationResult.SuccessRehashNeeded
            ? passwordHasher.HashPassword(user, password)
            : null;
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE users
            SET failed_sign_ins = 0, locked_until = NULL, last_sign_in_at = @now,
                password_hash = coalesce(@upgradedHash, password_hash)
            WHERE org_id = @OrgId AND id = @Id
            """, new { user.OrgId, user.Id, now, upgradedHash }, transaction, cancellationToken: cancellationToken));
        await audit.RecordAsync(transaction, new AuditActor(user.OrgId, ActorTypes.User, user.Id, null),
            AuditActions.SignIn, DirectoryAudit.UsersTable, user.Id.ToString(),
            new { user.Email, user.LastSignInAt }, new { user.Email, LastSignInAt = now }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogSignedIn(user.Id, user.OrgId, upgradedHash is not null);
        return new SignInResult(SignInOutcome.SignedIn,
            user with { FailedSignIns = 0, LockedUntil = null, LastSignInAt = now });
    }

    /// <summary>
    /// The user a session belongs to, by id alone: the session names the user, and the user row is what says
    /// which organization and role they have now.
    /// </summary>
    public async Task<User?> FindSessionUserAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition($"""
            SELECT {UserRow.Columns} FROM users WHERE id = @userId
            """, new { userId }, cancellationToken: cancellationToken));
        return row?.ToUser();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-in refused: no user has that email")]
    private partial void LogUnknownEmail();

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-in refused: user {UserId} is locked out until {LockedUntil}")]
    private partial void LogLockedOut(Guid userId, DateTimeOffset lockedUntil);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "User {UserId} locked out after {Failures} wrong passwords in a row, until {LockedUntil}")]
    private partial void LogLockoutStarted(Guid userId, int failures, DateTimeOffset lockedUntil);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-in refused: wrong password for user {UserId} ({Failures} in a row)")]
    private partial void LogWrongPassword(Guid userId, int failures);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-in refused: user {UserId} is disabled")]
    private partial void LogDisabled(Guid userId);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "User {UserId} of organization {OrgId} signed in (password hash upgraded: {Rehashed})")]
    private partial void LogSignedIn(Guid userId, Guid orgId, bool rehashed);
}

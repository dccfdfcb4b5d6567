using System.Security.Cryptography;
using BillingOne.BuildingBlocks.Auditing;
using BillingOne.BuildingBlocks.Security;
using BillingOne.Identity.Domain;
using Dapper;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace BillingOne.Identity.Data;

/// <summary>What a sign-in came to.</summary>
public abstract record SignInResult
{
    /// <param name="TwoFactorEnrollmentRequired">
    /// The organization requires two-factor and the user has none: the session may only set it up.
    /// </param>
    public sealed record SignedIn(User User, Session Session, bool TwoFactorEnrollmentRequired = false) : SignInResult;

    /// <summary>The password is right and the user has two-factor on: the sign-in waits for a code (<see cref="SignInStore.CompleteTwoFactorAsync"/>).</summary>
    public sealed record TwoFactorRequired(Guid ChallengeId, DateTimeOffset ExpiresAt) : SignInResult;

    /// <summary>The two-factor step names no waiting sign-in: unknown, expired, or ended by too many wrong codes.</summary>
    public sealed record ChallengeEnded : SignInResult;

    /// <summary>Unknown email, wrong password or disabled user: deliberately indistinguishable to the caller.</summary>
    public sealed record Refused : SignInResult;

    /// <summary>
    /// Too many failures for this email from this source, or from all sources while this one is not an address the
    /// user signed in from lately: no password was checked.
    /// </summary>
    public sealed record Throttled(TimeSpan RetryAfter) : SignInResult;

    /// <summary>The password is right for users of several organizations; the caller must name one.</summary>
    public sealed record ChooseOrganization(IReadOnlyList<OrganizationChoice> Organizations) : SignInResult;
}

public sealed record OrganizationChoice(Guid Id, string Name);

/// <summary>Failed sign-ins on a user's email in the last day, for the notice the user sees in the app.</summary>
public sealed record FailedSignIns(int Count, DateTimeOffset LastFailedAt, DateTimeOffset? AccountThrottledUntil);

/// <summary>What a signed-in user's password change came to.</summary>
public abstract record PasswordChangeResult
{
    /// <summary>The new password is set and <paramref name="EndedSessions"/> other sessions of the user were ended.</summary>
    public sealed record Changed(int EndedSessions) : PasswordChangeResult;

    /// <summary>The current password was wrong: counted like a failed sign-in.</summary>
    public sealed record WrongCurrentPassword : PasswordChangeResult;

    /// <summary>Too many failures for the user's email from the session's address: no password was checked.</summary>
    public sealed record Throttled(TimeSpan RetryAfter) : PasswordChangeResult;

    /// <summary>The session is not the user's or has ended.</summary>
    public sealed record SessionNotFound : PasswordChangeResult;
}

/// <summary>
/// Checks an email and password, keeps the throttling bookkeeping (<see cref="SignInThrottle"/>) and opens the
/// session; a signed-in user's password change checks the current password the same way. The (email, source) counter row stays locked from lookup to commit, so parallel guesses from one source
/// are counted one after the other and cannot slip past a delay. A successful sign-in is audited as the user's own
/// action and the start of a delay as the service's, in each organization that has the email; single failures and
/// rehashes are bookkeeping, kept in the logs only.
/// </summary>
public sealed partial class SignInStore(
    NpgsqlDataSource dataSource,
    IPasswordHasher<User> passwordHasher,
    IAuditTrail audit,
    SessionStore sessions,
    UserSessionStore userSessions,
    TwoFactorStore twoFactor,
    TimeProvider timeProvider,
    ILogger<SignInStore> logger)
{
    // The hasher ignores the user it is given; this stands in where there is none.
    private static readonly User NoUser = new(Guid.Empty, Guid.Empty, "", "", "", Enabled: false, null,
        DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    // Verified against when the email is unknown, so that costs the same time as a wrong password.
    private readonly Lazy<string> unknownUserHash = new(() =>
        passwordHasher.HashPassword(NoUser, RandomNumberGenerator.GetHexString(32)));

    /// <param name="source">The caller's address as the gateway saw it; failures are counted per source.</param>
    /// <param name="orgId">The organization to sign in to, needed only when the email is in several.</param>
    /// <param name="userAgent">The browser's User-Agent, kept with the session it opens (null when none came).</param>
    public async Task<SignInResult> SignInAsync(string email, string password, string source, Guid? orgId,
        string? userAgent, CancellationToken cancellationToken)
    {
        var account = SignInThrottle.Account(email);
        var now = timeProvider.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var counter = await LockCounterAsync(transaction, account, source, now, cancellationToken);
        if (counter.BlockedUntil > now)
        {
            LogThrottled(source, counter.BlockedUntil.Value);
            return new SignInResult.Throttled(counter.BlockedUntil.Value - now);
        }
        var accountHeldBack = !await IsKnownSourceAsync(transaction, account, source, now, cancellationToken);
        if (accountHeldBack && await AccountBlockedUntilAsync(transaction, account, now, cancellationToken) is { } accountBlock)
        {
            LogAccountThrottled(source, accountBlock);
            return new SignInResult.Throttled(accountBlock - now);
        }

        // By email, not by organization: the email (and, when several share it, the password) tells which one.
        var candidates = (await connection.QueryAsync<Candidate>(new CommandDefinition("""
            SELECT u.org_id AS OrgId, u.id AS Id, u.enabled AS Enabled, u.password_hash AS PasswordHash,
                   o.name AS OrganizationName
            FROM users u JOIN organizations o ON o.id = u.org_id
            WHERE lower(u.email) = @account AND (@orgId IS NULL OR u.org_id = @orgId)
            ORDER BY o.name, u.org_id
            """, new { account, orgId }, transaction, cancellationToken: cancellationToken))).AsList();
        if (candidates.Count == 0)
        {
            passwordHasher.VerifyHashedPassword(NoUser, unknownUserHash.Value, password);
        }
        var matches = candidates
            .Select(candidate => (candidate, result: passwordHasher.VerifyHashedPassword(NoUser, candidate.PasswordHash, password)))
            .Where(match => match.result != PasswordVerificationResult.Failed && match.candidate.Enabled)
            .ToList();

        switch (matches.Count)
        {
            case 0:
                return await FailAsync(transaction, account, source, counter, accountHeldBack, candidates, now,
                    cancellationToken);
            case > 1:
                // Only someone who knows the password learns the organizations' names.
                return new SignInResult.ChooseOrganization(
                    matches.Select(match => new OrganizationChoice(match.candidate.OrgId, match.candidate.OrganizationName)).ToList());
        }

        var (chosen, verification) = matches[0];
        var user = (await connection.QuerySingleAsync<UserRow>(new CommandDefinition($"""
            SELECT {UserRow.Columns} FROM users WHERE org_id = @OrgId AND id = @Id
            """, new { chosen.OrgId, chosen.Id }, transaction, cancellationToken: cancellationToken))).ToUser();
        // Hashes made with older or weaker settings are upgraded while the plain password is at hand.
        var upgradedHash = verification == PasswordVerificationResult.SuccessRehashNeeded
            ? passwordHasher.HashPassword(user, password)
            : null;
        var (twoFactorOn, twoFactorRequired) =
            await TwoFactorStore.StateAsync(connection, transaction, user.OrgId, user.Id, cancellationToken);
        if (twoFactorOn)
        {
            // Half way: nothing of a sign-in (no session, no reset of the failure counters) until the code is right.
            var challenge = await OpenChallengeAsync(transaction, user, source, now, upgradedHash, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            LogTwoFactorAsked(user.Id, user.OrgId);
            return challenge;
        }
        return await CompleteSignInAsync(transaction, user, account, source, userAgent, now, upgradedHash,
            enrollmentRequired: twoFactorRequired, cancellationToken);
    }

    /// <summary>
    /// Everything a successful sign-in does, in its transaction, which this commits: the last sign-in time, the
    /// address as a known one, the failure counter of (email, source) cleared, the session opened, the audit entry.
    /// </summary>
    private async Task<SignInResult> CompleteSignInAsync(NpgsqlTransaction transaction, User user, string account,
        string source, string? userAgent, DateTimeOffset now, string? upgradedHash, bool enrollmentRequired,
        CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE users SET last_sign_in_at = @now, password_hash = coalesce(@upgradedHash, password_hash)
            WHERE org_id = @OrgId AND id = @Id;
            INSERT INTO sign_in_sources (org_id, user_id, source, last_signed_in_at) VALUES (@OrgId, @Id, @source, @now)
            ON CONFLICT (org_id, user_id, source) DO UPDATE SET last_signed_in_at = excluded.last_signed_in_at;
            DELETE FROM sign_in_throttles WHERE account = @account AND source = @source;
            """, new { user.OrgId, user.Id, now, upgradedHash, account, source }, transaction,
            cancellationToken: cancellationToken));
        var session = await sessions.OpenAsync(transaction, user, source, userAgent, now, cancellationToken);
        await audit.RecordAsync(transaction, new AuditActor(user.OrgId, ActorTypes.User, user.Id, null),
            AuditActions.SignIn, DirectoryAudit.UsersTable, user.Id.ToString(),
            new { user.Email, user.LastSignInAt }, new { user.Email, LastSignInAt = now }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogSignedIn(user.Id, user.OrgId, upgradedHash is not null);
        return new SignInResult.SignedIn(user with { LastSignInAt = now }, session, enrollmentRequired);
    }

    /// <summary>
    /// Sets a new password for the user of <paramref name="sessionId"/> once <paramref name="currentPassword"/> is
    /// proven, and ends the user's other sessions, so whoever else knew the old password is signed out. A wrong current
    /// password counts as a failed sign-in for the user's email from the address the session signed in from.
    /// Audited without either password.
    /// </summary>
    public Task<PasswordChangeResult> ChangePasswordAsync(Guid orgId, Guid userId, Guid sessionId,
        string currentPassword, string newPassword, CancellationToken cancellationToken) =>
        WithCurrentPasswordAsync(orgId, userId, sessionId, currentPassword, async (transaction, proof) =>
        {
            await transaction.Connection!.ExecuteAsync(new CommandDefinition("""
                UPDATE users SET password_hash = @passwordHash, updated_at = @now WHERE org_id = @orgId AND id = @userId;
                DELETE FROM sign_in_throttles WHERE account = @account AND source = @source;
                """, new
            {
                orgId, userId, passwordHash = passwordHasher.HashPassword(NoUser, newPassword), now = proof.Now,
                account = proof.Account, source = proof.Source,
            }, transaction, cancellationToken: cancellationToken));
            var endedSessions = await userSessions.EndOthersAsync(transaction, orgId, userId, sessionId, cancellationToken);
            await audit.RecordAsync(transaction, AuditActions.Update, DirectoryAudit.UsersTable, userId.ToString(),
                oldValues: null, new { PasswordChanged = true, EndedSessions = endedSessions }, cancellationToken);
            LogPasswordChanged(userId, orgId, endedSessions);
            return endedSessions;
        }, cancellationToken);

    /// <summary>What proving the current password established, for the change that follows it.</summary>
    private sealed record PasswordProof(string Account, string Source, DateTimeOffset Now);

    /// <summary>
    /// Checks <paramref name="currentPassword"/> for the user of <paramref name="sessionId"/>, counted and throttled
    /// like a sign-in from the address the session signed in from, and once it is right runs
    /// <paramref name="proven"/> in the same transaction, which this commits. <see cref="PasswordChangeResult.Changed"/>
    /// carries what <paramref name="proven"/> returned.
    /// </summary>
    private async Task<PasswordChangeResult> WithCurrentPasswordAsync(Guid orgId, Guid userId, Guid sessionId,
        string currentPassword, Func<NpgsqlTransaction, PasswordProof, Task<int>> proven,
        CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var holder = await connection.QuerySingleOrDefaultAsync<PasswordHolder>(new CommandDefinition("""
            SELECT u.email AS Email, u.enabled AS Enabled, u.password_hash AS PasswordHash, s.source AS Source
            FROM sessions s JOIN users u ON u.org_id = s.org_id AND u.id = s.user_id
            WHERE s.org_id = @orgId AND s.user_id = @userId AND s.id = @sessionId
            """, new { orgId, userId, sessionId }, transaction, cancellationToken: cancellationToken));
        if (holder is null)
        {
            return new PasswordChangeResult.SessionNotFound();
        }

        var account = SignInThrottle.Account(holder.Email);
        var source = holder.Source ?? SignInThrottle.UnknownSource;
        var counter = await LockCounterAsync(transaction, account, source, now, cancellationToken);
        if (counter.BlockedUntil > now)
        {
            LogThrottled(source, counter.BlockedUntil.Value);
            return new PasswordChangeResult.Throttled(counter.BlockedUntil.Value - now);
        }
        if (passwordHasher.VerifyHashedPassword(NoUser, holder.PasswordHash, currentPassword) == PasswordVerificationResult.Failed)
        {
            var holderAsCandidate = new Candidate(orgId, userId, holder.Enabled, holder.PasswordHash, OrganizationName: "");
            // The failure that starts a delay is still a wrong password; the delay answers the next attempt.
            // The holder signed in from this address: the account-wide delay is not theirs to wait for.
            await FailAsync(transaction, account, source, counter, accountHeldBack: false, [holderAsCandidate], now,
                cancellationToken);
            return new PasswordChangeResult.WrongCurrentPassword();
        }

        var result = await proven(transaction, new PasswordProof(account, source, now));
        await transaction.CommitAsync(cancellationToken);
        return new PasswordChangeResult.Changed(result);
    }

    /// <summary>
    /// The (email, source) counter, created when missing and locked for this transaction: parallel attempts from one
    /// source wait for each other here.
    /// </summary>
    private static async Task<Counter> LockCounterAsync(NpgsqlTransaction transaction, string account, string source,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO sign_in_throttles (account, source, failures, last_failure_at)
            VALUES (@account, @source, 0, @now)
            ON CONFLICT (account, source) DO NOTHING
            """, new { account, source, now }, transaction, cancellationToken: cancellationToken));
        var row = await connection.QuerySingleAsync<CounterRow>(new CommandDefinition("""
            SELECT failures AS Failures, last_failure_at AS LastFailureAt, blocked_until AS BlockedUntil
            FROM sign_in_throttles WHERE account = @account AND source = @source FOR UPDATE
            """, new { account, source }, transaction, cancellationToken: cancellationToken));
        return new Counter(
            SignInThrottle.Remembered(row.Failures, new DateTimeOffset(row.LastFailureAt, TimeSpan.Zero), now),
            row.BlockedUntil is { } blocked ? new DateTimeOffset(blocked, TimeSpan.Zero) : null);
    }

    /// <summary>
    /// Whether a user with the email signed in from <paramref name="source"/> within
    /// <see cref="SignInThrottle.KnownSourceMemory"/>.
    /// </summary>
    private static Task<bool> IsKnownSourceAsync(NpgsqlTransaction transaction, string account, string source,
        DateTimeOffset now, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteScalarAsync<bool>(new CommandDefinition("""
            SELECT EXISTS (
                SELECT 1 FROM sign_in_sources s JOIN users u ON u.org_id = s.org_id AND u.id = s.user_id
                WHERE lower(u.email) = @account AND s.source = @source AND s.last_signed_in_at > @since)
            """, new { account, source, since = now - SignInThrottle.KnownSourceMemory }, transaction,
            cancellationToken: cancellationToken));

    /// <summary>Until when the account-wide delay holds the email back, or null.</summary>
    private static async Task<DateTimeOffset?> AccountBlockedUntilAsync(NpgsqlTransaction transaction, string account,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var blockedUntil = await transaction.Connection!.ExecuteScalarAsync<DateTime?>(new CommandDefinition("""
            SELECT blocked_until FROM sign_in_throttles
            WHERE account = @account AND source = @allSources AND blocked_until > @now
            """, new { account, allSources = SignInThrottle.AllSources, now }, transaction,
            cancellationToken: cancellationToken));
        return blockedUntil is { } until ? new DateTimeOffset(until, TimeSpan.Zero) : null;
    }

    /// <summary>
    /// The failed sign-ins on the user's email worth telling them about (<see cref="SignInThrottle.WorthTelling"/>)
    /// since they last acknowledged them; null when there are none.
    /// </summary>
    public async Task<FailedSignIns?> FailedSignInsAsync(Guid orgId, Guid userId, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<CounterRow>(new CommandDefinition("""
            SELECT t.failures AS Failures, t.last_failure_at AS LastFailureAt, t.blocked_until AS BlockedUntil
            FROM users u JOIN sign_in_throttles t ON t.account = lower(u.email) AND t.source = @allSources
            WHERE u.org_id = @orgId AND u.id = @userId
              AND t.last_failure_at > coalesce(u.failed_sign_ins_seen_at, '-infinity'::timestamptz)
            """, new { orgId, userId, allSources = SignInThrottle.AllSources }, cancellationToken: cancellationToken));
        if (row is null)
        {
            return null;
        }
        var lastFailureAt = new DateTimeOffset(row.LastFailureAt, TimeSpan.Zero);
        var failures = SignInThrottle.Remembered(row.Failures, lastFailureAt, now);
        DateTimeOffset? blockedUntil = row.BlockedUntil is { } blocked ? new DateTimeOffset(blocked, TimeSpan.Zero) : null;
        return SignInThrottle.WorthTelling(failures)
            ? new FailedSignIns(failures, lastFailureAt, blockedUntil > now ? blockedUntil : null)
            : null;
    }

    /// <summary>The user has read the notice: failures up to now are no longer shown to them.</summary>
    public async Task MarkFailedSignInsSeenAsync(Guid orgId, Guid userId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE users SET failed_sign_ins_seen_at = @now WHERE org_id = @orgId AND id = @userId
            """, new { orgId, userId, now = timeProvider.GetUtcNow() }, cancellationToken: cancellationToken));
    }

    private async Task<SignInResult> FailAsync(NpgsqlTransaction transaction, string account, string source,
        Counter counter, bool accountHeldBack, IReadOnlyList<Candidate> candidates, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var forgetBefore = now - SignInThrottle.Memory;
        var accountFailures = await connection.ExecuteScalarAsync<int>(new CommandDefinition("""
            INSERT INTO sign_in_throttles AS t (account, source, failures, last_failure_at)
            VALUES (@account, @allSources, 1, @now)
            ON CONFLICT (account, source) DO UPDATE
            SET failures = CASE WHEN t.last_failure_at <= @forgetBefore THEN 1 ELSE t.failures + 1 END,
                last_failure_at = @now
            RETURNING failures
            """, new { account, allSources = SignInThrottle.AllSources, now, forgetBefore }, transaction,
            cancellationToken: cancellationToken));
        var sourceFailures = counter.Failures + 1;
        DateTimeOffset? sourceBlockedUntil = SignInThrottle.Delay(sourceFailures, accountFailures) is { } delay
            ? now + delay
            : null;
        DateTimeOffset? accountBlockedUntil = SignInThrottle.AccountDelay(accountFailures) is { } accountDelay
            ? now + accountDelay
            : null;
        // This source waits for the later of the two delays that hold it back.
        var blockedUntil = accountHeldBack && accountBlockedUntil > (sourceBlockedUntil ?? now)
            ? accountBlockedUntil
            : sourceBlockedUntil;
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE sign_in_throttles SET failures = @sourceFailures, last_failure_at = @now, blocked_until = @sourceBlockedUntil
            WHERE account = @account AND source = @source;
            UPDATE sign_in_throttles SET blocked_until = @accountBlockedUntil
            WHERE account = @account AND source = @allSources;
            -- Counters nobody failed on for a day are forgotten; a few at a time, so no attempt pays for many.
            DELETE FROM sign_in_throttles WHERE ctid IN (
                SELECT ctid FROM sign_in_throttles
                WHERE last_failure_at < @forgetBefore AND (blocked_until IS NULL OR blocked_until < @now)
                LIMIT 20);
            """, new
        {
            account, source, sourceFailures, now, sourceBlockedUntil, accountBlockedUntil,
            allSources = SignInThrottle.AllSources, forgetBefore,
        }, transaction, cancellationToken: cancellationToken));
        if (blockedUntil is { } until)
        {
            foreach (var candidate in candidates)
            {
                await audit.RecordAsync(transaction, AuditActor.Service(candidate.OrgId), AuditActions.Lock,
                    DirectoryAudit.UsersTable, candidate.Id.ToString(), oldValues: null,
                    new
                    {
                        Source = source, Failures = sourceFailures, BlockedUntil = until,
                        AccountFailures = accountFailures, AccountBlockedUntil = accountBlockedUntil,
                    }, cancellationToken);
            }
        }
        await transaction.CommitAsync(cancellationToken);

        if (blockedUntil is { } blocked)
        {
            LogDelayStarted(source, sourceFailures, accountFailures, blocked);
            return new SignInResult.Throttled(blocked - now);
        }
        LogRefused(source, sourceFailures, accountFailures, candidates.Count > 0);
        return new SignInResult.Refused();
    }

    private sealed record Candidate(Guid OrgId, Guid Id, bool Enabled, string PasswordHash, string OrganizationName);

    private sealed record PasswordHolder(string Email, bool Enabled, string PasswordHash, string? Source);

    private sealed record CounterRow(int Failures, DateTime LastFailureAt, DateTime? BlockedUntil);

    private sealed record Counter(int Failures, DateTimeOffset? BlockedUntil);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign-in from {Source} refused without a check: throttled until {BlockedUntil}")]
    private partial void LogThrottled(string source, DateTimeOffset blockedUntil);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Sign-in from {Source} refused without a check: the account is throttled until {BlockedUntil}")]
    private partial void LogAccountThrottled(string source, DateTimeOffset blockedUntil);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Sign-ins from {Source} throttled after {SourceFailures} failures ({AccountFailures} on the email from all sources), until {BlockedUntil}")]
    private partial void LogDelayStarted(string source, int sourceFailures, int accountFailures, DateTimeOffset blockedUntil);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Sign-in from {Source} refused ({SourceFailures} failures from it, {AccountFailures} in all; a user has the email: {Known})")]
    private partial void LogRefused(string source, int sourceFailures, int accountFailures, bool known);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "User {UserId} of organization {OrgId} signed in (password hash upgraded: {Rehashed})")]
    private partial void LogSignedIn(Guid userId, Guid orgId, bool rehashed);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "User {UserId} of organization {OrgId} changed their password; {EndedSessions} other session(s) ended")]
    private partial void LogPasswordChanged(Guid userId, Guid orgId, int endedSessions);
}

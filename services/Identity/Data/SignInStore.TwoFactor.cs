using BillingOne.Identity.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Identity.Data;

/// <summary>
/// The sign-in's second step for users with two-factor on. The password step leaves a challenge (an unguessable id,
/// valid <see cref="ChallengeLifetime"/>); the code step names it. A wrong code counts as a failed sign-in for the
/// user's email from the caller's address, exactly like a wrong password (so the same delays and 429s apply), and
/// <see cref="MaxCodeFailures"/> wrong codes end the challenge: the password must be given again.
/// </summary>
public sealed partial class SignInStore
{
    public static readonly TimeSpan ChallengeLifetime = TimeSpan.FromMinutes(5);
    public const int MaxCodeFailures = 5;

    private async Task<SignInResult> OpenChallengeAsync(NpgsqlTransaction transaction, User user, string source,
        DateTimeOffset now, string? upgradedHash, CancellationToken cancellationToken)
    {
        var challenge = new SignInResult.TwoFactorRequired(Guid.NewGuid(), now + ChallengeLifetime);
        await transaction.Connection!.ExecuteAsync(new CommandDefinition("""
            UPDATE users SET password_hash = coalesce(@upgradedHash, password_hash) WHERE org_id = @OrgId AND id = @Id;
            DELETE FROM sign_in_challenges WHERE expires_at <= @now;
            INSERT INTO sign_in_challenges (id, org_id, user_id, source, created_at, expires_at)
            VALUES (@ChallengeId, @OrgId, @Id, @source, @now, @ExpiresAt);
            """, new { user.OrgId, user.Id, upgradedHash, source, now, challenge.ChallengeId, challenge.ExpiresAt },
            transaction, cancellationToken: cancellationToken));
        return challenge;
    }

    /// <summary>
    /// The second step: signs in the user of <paramref name="challengeId"/> when <paramref name="code"/> is a current,
    /// unused code of their authenticator.
    /// </summary>
    /// <returns>
    /// <see cref="SignInResult.SignedIn"/>; <see cref="SignInResult.Refused"/> for a wrong or used code;
    /// <see cref="SignInResult.Throttled"/>; or <see cref="SignInResult.ChallengeEnded"/>.
    /// </returns>
    public async Task<SignInResult> CompleteTwoFactorAsync(Guid challengeId, string code, string source,
        string? userAgent, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var challenge = await connection.QuerySingleOrDefaultAsync<ChallengeRow>(new CommandDefinition("""
            SELECT c.org_id AS OrgId, c.user_id AS UserId, c.expires_at AS ExpiresAt, c.failures AS Failures,
                   u.email AS Email, u.enabled AS Enabled, u.password_hash AS PasswordHash
            FROM sign_in_challenges c JOIN users u ON u.org_id = c.org_id AND u.id = c.user_id
            WHERE c.id = @challengeId FOR UPDATE OF c
            """, new { challengeId }, transaction, cancellationToken: cancellationToken));
        if (challenge is null || new DateTimeOffset(challenge.ExpiresAt, TimeSpan.Zero) <= now || !challenge.Enabled)
        {
            if (challenge is not null)
            {
                await EndChallengeAsync(transaction, challengeId, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            return new SignInResult.ChallengeEnded();
        }

        var account = SignInThrottle.Account(challenge.Email);
        var counter = await LockCounterAsync(transaction, account, source, now, cancellationToken);
        if (counter.BlockedUntil > now)
        {
            LogThrottled(source, counter.BlockedUntil.Value);
            return new SignInResult.Throttled(counter.BlockedUntil.Value - now);
        }

        if (!await twoFactor.UseCodeAsync(transaction, challenge.OrgId, challenge.UserId, code, cancellationToken))
        {
            var ended = challenge.Failures + 1 >= MaxCodeFailures;
            await connection.ExecuteAsync(new CommandDefinition(ended
                    ? "DELETE FROM sign_in_challenges WHERE id = @challengeId"
                    : "UPDATE sign_in_challenges SET failures = failures + 1 WHERE id = @challengeId",
                new { challengeId }, transaction, cancellationToken: cancellationToken));
            LogWrongCode(challenge.UserId, challenge.OrgId, challenge.Failures + 1, ended);
            var candidate = new Candidate(challenge.OrgId, challenge.UserId, challenge.Enabled, challenge.PasswordHash,
                OrganizationName: "");
            // FailAsync commits; the password was right, so the account-wide delay does not hold this caller back.
            return await FailAsync(transaction, account, source, counter, accountHeldBack: false, [candidate], now,
                cancellationToken);
        }

        await EndChallengeAsync(transaction, challengeId, cancellationToken);
        var user = (await connection.QuerySingleAsync<UserRow>(new CommandDefinition($"""
            SELECT {UserRow.Columns} FROM users WHERE org_id = @OrgId AND id = @UserId
            """, new { challenge.OrgId, challenge.UserId }, transaction, cancellationToken: cancellationToken))).ToUser();
        return await CompleteSignInAsync(transaction, user, account, source, userAgent, now, upgradedHash: null,
            enrollmentRequired: false, cancellationToken);
    }

    /// <summary>
    /// Turns the user's two-factor off once their current password is proven (counted like a sign-in, as a password
    /// change's is). <see cref="PasswordChangeResult.Changed"/> carries 1 when two-factor was on, 0 when it was not.
    /// </summary>
    public Task<PasswordChangeResult> DisableTwoFactorWithPasswordAsync(Guid orgId, Guid userId, Guid sessionId,
        string password, CancellationToken cancellationToken) =>
        WithCurrentPasswordAsync(orgId, userId, sessionId, password, async (transaction, _) =>
            await twoFactor.DisableAsync(transaction, orgId, userId, proof: "password", cancellationToken) ? 1 : 0,
            cancellationToken);

    private static Task EndChallengeAsync(NpgsqlTransaction transaction, Guid challengeId,
        CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "DELETE FROM sign_in_challenges WHERE id = @challengeId", new { challengeId }, transaction,
            cancellationToken: cancellationToken));

    private sealed record ChallengeRow(Guid OrgId, Guid UserId, DateTime ExpiresAt, int Failures, string Email,
        bool Enabled, string PasswordHash);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "User {UserId} of organization {OrgId} gave the right password; two-factor code asked")]
    private partial void LogTwoFactorAsked(Guid userId, Guid orgId);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Wrong two-factor code for user {UserId} of organization {OrgId} ({Failures} on this sign-in; ended: {Ended})")]
    private partial void LogWrongCode(Guid userId, Guid orgId, int failures, bool ended);
}

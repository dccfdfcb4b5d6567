using BillingOne.Identity.Domain;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BillingOne.Identity.Data;

/// <summary>
/// A live session's user and the client the user scoped it to, if any; <paramref name="TwoFactorEnrollmentRequired"/>
/// when the organization requires two-factor and the user has none yet, so the session may only set it up.
/// </summary>
public sealed record CheckedSession(User User, Guid? ClientScope, bool TwoFactorEnrollmentRequired = false);

/// <summary>
/// Web sessions on the server, so that signing out, the idle timeout and the absolute lifetime end a session for
/// good: a token the gateway signed is only as good as its row here. Ended rows are deleted when they are next
/// looked at, and a user's ended rows when they sign in again.
/// </summary>
public sealed partial class SessionStore(
    NpgsqlDataSource dataSource,
    IOptions<SessionLifetimeOptions> options,
    TimeProvider timeProvider,
    ILogger<SessionStore> logger)
{
    /// <summary>
    /// A new session for <paramref name="user"/>, in the sign-in's transaction, remembering the
    /// <paramref name="source"/> address it signed in from and the browser's <paramref name="userAgent"/>, if any.
    /// </summary>
    internal async Task<Session> OpenAsync(NpgsqlTransaction transaction, User user, string source, string? userAgent,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var session = new Session(Guid.NewGuid(), user.OrgId, user.Id, now, now + options.Value.AbsoluteLifetime);
        await transaction.Connection!.ExecuteAsync(new CommandDefinition("""
            DELETE FROM sessions WHERE user_id = @UserId AND (expires_at <= @now OR last_seen_at <= @idleBefore);
            INSERT INTO sessions (id, org_id, user_id, created_at, last_seen_at, expires_at, source, user_agent)
            VALUES (@Id, @OrgId, @UserId, @CreatedAt, @CreatedAt, @ExpiresAt, @source, @userAgent);
            """, new
        {
            session.Id, session.OrgId, session.UserId, session.CreatedAt, session.ExpiresAt, source,
            userAgent = SessionUserAgent.Normalize(userAgent), now,
            idleBefore = now - options.Value.IdleTimeout,
        }, transaction, cancellationToken: cancellationToken));
        return session;
    }

    /// <summary>
    /// The user of a live session, as they are now (role, enabled), with the session's client scope, marking the
    /// session as seen; null when there is
    /// no such session or it has ended (signed out, idle too long, or past its absolute lifetime).
    /// </summary>
    public async Task<CheckedSession?> CheckAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var found = await connection.QuerySingleOrDefaultAsync<SessionRow>(new CommandDefinition("""
            SELECT last_seen_at AS LastSeenAt, expires_at AS ExpiresAt, user_id AS UserId, client_scope AS ClientScope
            FROM sessions WHERE id = @sessionId
            """, new { sessionId }, cancellationToken: cancellationToken));
        if (found is null)
        {
            return null;
        }

        var lastSeenAt = new DateTimeOffset(found.LastSeenAt, TimeSpan.Zero);
        var expiresAt = new DateTimeOffset(found.ExpiresAt, TimeSpan.Zero);
        if (options.Value.HasEnded(lastSeenAt, expiresAt, now))
        {
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM sessions WHERE id = @sessionId",
                new { sessionId }, cancellationToken: cancellationToken));
            LogEnded(sessionId, found.UserId, now >= expiresAt ? "absolute lifetime" : "idle timeout");
            return null;
        }

        if (now - lastSeenAt >= SessionLifetimeOptions.LastSeenResolution)
        {
            // Only forward: a slower concurrent check must not move it back.
            await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE sessions SET last_seen_at = @now WHERE id = @sessionId AND last_seen_at < @now
                """, new { sessionId, now }, cancellationToken: cancellationToken));
        }

        var user = await connection.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition($"""
            SELECT {UserRow.Columns} FROM users WHERE id = @UserId
            """, new { found.UserId }, cancellationToken: cancellationToken));
        if (user is null)
        {
            return null;
        }
        var (twoFactorOn, twoFactorRequired) =
            await TwoFactorStore.StateAsync(connection, null, user.OrgId, user.Id, cancellationToken);
        return new CheckedSession(user.ToUser(), found.ClientScope, twoFactorRequired && !twoFactorOn);
    }

    /// <summary>Ends a session (sign-out). Ending one that is already gone is no error.</summary>
    public async Task EndAsync(Guid sessionId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var userId = await connection.ExecuteScalarAsync<Guid?>(new CommandDefinition(
            "DELETE FROM sessions WHERE id = @sessionId RETURNING user_id", new { sessionId },
            cancellationToken: cancellationToken));
        if (userId is { } signedOut)
        {
            LogSignedOut(sessionId, signedOut);
        }
    }

    private sealed record SessionRow(DateTime LastSeenAt, DateTime ExpiresAt, Guid UserId, Guid? ClientScope);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId} of user {UserId} ended: {Reason}")]
    private partial void LogEnded(Guid sessionId, Guid userId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId} of user {UserId} signed out")]
    private partial void LogSignedOut(Guid sessionId, Guid userId);
}

using BillingOne.BuildingBlocks.Auditing;
using BillingOne.Identity.Domain;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BillingOne.Identity.Data;

/// <summary>One of a user's live sessions, as their Sessions page lists it.</summary>
public sealed record UserSession(Guid Id, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, DateTimeOffset ExpiresAt,
    string? Source, string? UserAgent = null);

/// <summary>
/// A signed-in user's own sessions: listing them and ending them. Ending deletes the row, exactly as sign-out does,
/// so the gateway's next check of that session is refused (within its lookup cache's second). Another user's session
/// id reads exactly like a missing one. Each ended session is audited as a deletion, in the caller's name.
/// </summary>
public sealed partial class UserSessionStore(
    NpgsqlDataSource dataSource,
    IAuditTrail audit,
    IOptions<SessionLifetimeOptions> options,
    TimeProvider timeProvider,
    ILogger<UserSessionStore> logger)
{
    /// <summary>The user's sessions that have not ended, the most recently used first.</summary>
    public async Task<IReadOnlyList<UserSession>> ListAsync(Guid orgId, Guid userId, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<SessionRow>(new CommandDefinition("""
            SELECT id AS Id, created_at AS CreatedAt, last_seen_at AS LastSeenAt, expires_at AS ExpiresAt,
                   source AS Source, user_agent AS UserAgent
            FROM sessions WHERE org_id = @orgId AND user_id = @userId
            ORDER BY last_seen_at DESC, id
            """, new { orgId, userId }, cancellationToken: cancellationToken));
        // Ended rows stay until they are next looked at; the rule that ends them is the session check's.
        return rows.Select(row => row.ToSession())
            .Where(session => !options.Value.HasEnded(session.LastSeenAt, session.ExpiresAt, now))
            .ToList();
    }

    /// <summary>Ends one of the user's sessions; false when the user has no such session.</summary>
    public async Task<bool> EndAsync(Guid orgId, Guid userId, Guid sessionId, CancellationToken cancellationToken) =>
        await EndInOwnTransactionAsync(orgId, userId, only: sessionId, keep: null, cancellationToken) > 0;

    /// <summary>Ends every session of the user but <paramref name="currentSessionId"/>; the number ended.</summary>
    public Task<int> EndOthersAsync(Guid orgId, Guid userId, Guid currentSessionId, CancellationToken cancellationToken) =>
        EndInOwnTransactionAsync(orgId, userId, only: null, keep: currentSessionId, cancellationToken);

    /// <summary>Ends every session of the user inside <paramref name="transaction"/> (an admin's two-factor reset).</summary>
    internal Task<int> EndAllAsync(NpgsqlTransaction transaction, Guid orgId, Guid userId,
        CancellationToken cancellationToken) =>
        EndAsync(transaction, orgId, userId, only: null, keep: null, cancellationToken);

    /// <summary>The same, inside <paramref name="transaction"/> (a password change).</summary>
    internal async Task<int> EndOthersAsync(NpgsqlTransaction transaction, Guid orgId, Guid userId,
        Guid currentSessionId, CancellationToken cancellationToken) =>
        await EndAsync(transaction, orgId, userId, only: null, keep: currentSessionId, cancellationToken);

    private async Task<int> EndInOwnTransactionAsync(Guid orgId, Guid userId, Guid? only, Guid? keep,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var ended = await EndAsync(transaction, orgId, userId, only, keep, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ended;
    }

    /// <summary>Deletes the user's sessions that are <paramref name="only"/> (all when null) but not <paramref name="keep"/>.</summary>
    private async Task<int> EndAsync(NpgsqlTransaction transaction, Guid orgId, Guid userId, Guid? only, Guid? keep,
        CancellationToken cancellationToken)
    {
        var ended = (await transaction.Connection!.QueryAsync<SessionRow>(new CommandDefinition("""
            DELETE FROM sessions
            WHERE org_id = @orgId AND user_id = @userId
              AND (@only IS NULL OR id = @only) AND (@keep IS NULL OR id <> @keep)
            RETURNING id AS Id, created_at AS CreatedAt, last_seen_at AS LastSeenAt, expires_at AS ExpiresAt,
                      source AS Source, user_agent AS UserAgent
            """, new { orgId, userId, only, keep }, transaction, cancellationToken: cancellationToken))).AsList();
        foreach (var session in ended)
        {
            await audit.RecordAsync(transaction, AuditActions.Delete, SessionClientScopeStore.SessionsTable,
                session.Id.ToString(), new { UserId = userId, session.CreatedAt, session.Source }, newValues: null,
                cancellationToken);
            LogEnded(session.Id, userId);
        }
        return ended.Count;
    }

    private sealed record SessionRow(Guid Id, DateTime CreatedAt, DateTime LastSeenAt, DateTime ExpiresAt, string? Source,
        string? UserAgent)
    {
        public UserSession ToSession() => new(Id, Utc(CreatedAt), Utc(LastSeenAt), Utc(ExpiresAt), Source, UserAgent);

        private static DateTimeOffset Utc(DateTime value) => new(value, TimeSpan.Zero);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Session {SessionId} of user {UserId} ended")]
    private partial void LogEnded(Guid sessionId, Guid userId);
}

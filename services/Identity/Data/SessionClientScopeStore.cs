using BillingOne.BuildingBlocks.Auditing;
using Dapper;
using Npgsql;

namespace BillingOne.Identity.Data;

/// <summary>The client a session is scoped to: null for the whole organization.</summary>
public sealed record SessionClientScope(Guid? ClientId, string? ClientName)
{
    public static readonly SessionClientScope WholeOrganization = new(null, null);
}

public enum ClientScopeChangeStatus
{
    Saved,
    SessionNotFound,
    UnknownClient,
    DisabledClient,
}

public sealed record ClientScopeChange(ClientScopeChangeStatus Status, SessionClientScope? Scope = null);

/// <summary>
/// Scoping a signed-in user's session to one client, and back to the whole organization. The session is the
/// caller's own (the gateway's token names it), so a user can only ever change their own browser's scope.
/// </summary>
public sealed partial class SessionClientScopeStore(
    NpgsqlDataSource dataSource, IAuditTrail audit, ILogger<SessionClientScopeStore> logger)
{
    public const string SessionsTable = "sessions";

    // The user's own session only: another user's session id reads exactly like a missing one.
    private const string ScopeOfSession = """
        SELECT s.client_scope AS ClientId, c.name AS ClientName
        FROM sessions s LEFT JOIN clients c ON c.org_id = s.org_id AND c.id = s.client_scope
        WHERE s.org_id = @orgId AND s.user_id = @userId AND s.id = @sessionId
        """;

    /// <summary>The session's scope; null when the session is not this user's or has gone.</summary>
    public async Task<SessionClientScope?> FindAsync(Guid orgId, Guid userId, Guid sessionId,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<SessionClientScope>(new CommandDefinition(
            ScopeOfSession, new { orgId, userId, sessionId }, cancellationToken: cancellationToken));
    }

    /// <summary>The name of a client of the organization, null when identity does not know it.</summary>
    public async Task<string?> ClientNameAsync(Guid orgId, Guid clientId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT name FROM clients WHERE org_id = @orgId AND id = @clientId", new { orgId, clientId },
            cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Scopes the session to <paramref name="clientId"/> (an enabled client of the organization), or clears the
    /// scope when it is null. Audited as an update of the session.
    /// </summary>
    public async Task<ClientScopeChange> SetAsync(Guid orgId, Guid userId, Guid sessionId, Guid? clientId,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = await connection.QuerySingleOrDefaultAsync<SessionClientScope>(new CommandDefinition(
            $"{ScopeOfSession} FOR UPDATE OF s", new { orgId, userId, sessionId }, transaction,
            cancellationToken: cancellationToken));
        if (current is null)
        {
            return new ClientScopeChange(ClientScopeChangeStatus.SessionNotFound);
        }

        var chosen = SessionClientScope.WholeOrganization;
        if (clientId is { } id)
        {
            // Another organization's client reads exactly like a missing one, so ids do not leak.
            var client = await connection.QuerySingleOrDefaultAsync<ClientRow>(new CommandDefinition(
                "SELECT name AS Name, enabled AS Enabled FROM clients WHERE org_id = @orgId AND id = @id", new { orgId, id },
                transaction, cancellationToken: cancellationToken));
            if (client is null)
            {
                return new ClientScopeChange(ClientScopeChangeStatus.UnknownClient);
            }
            if (!client.Enabled)
            {
                return new ClientScopeChange(ClientScopeChangeStatus.DisabledClient);
            }
            chosen = new SessionClientScope(id, client.Name);
        }

        if (current.ClientId != chosen.ClientId)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE sessions SET client_scope = @clientId WHERE id = @sessionId",
                new { clientId = chosen.ClientId, sessionId }, transaction, cancellationToken: cancellationToken));
            await audit.RecordAsync(transaction, AuditActions.Update, SessionsTable, sessionId.ToString(),
                current, chosen, cancellationToken);
            LogScopeChanged(sessionId, userId, chosen.ClientId);
        }
        await transaction.CommitAsync(cancellationToken);
        return new ClientScopeChange(ClientScopeChangeStatus.Saved, chosen);
    }

    private sealed record ClientRow(string Name, bool Enabled);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Session {SessionId} of user {UserId} scoped to client {ClientId} (none: the whole organization)")]
    private partial void LogScopeChanged(Guid sessionId, Guid userId, Guid? clientId);
}

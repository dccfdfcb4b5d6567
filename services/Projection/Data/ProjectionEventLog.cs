using System.Text.Json;
using Dapper;
using Npgsql;

namespace BillingOne.Projection.Data;

/// <summary>An event of the log: its type's name and its payload as received.</summary>
public sealed record LoggedEvent(long Position, string EventType, string Payload);

/// <summary>
/// The append-only <c>projection_event_log</c>: every event the read models were built from, in the order it was
/// received. It doubles as the consumers' inbox: a message id is logged, and so applied, once.
/// </summary>
public sealed class ProjectionEventLog(TimeProvider clock)
{
    /// <summary>How events are stored; the rebuild reads them back with the same options.</summary>
    public static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    /// <summary>Logs <paramref name="message"/>; false when its message id is already logged (a redelivery).</summary>
    public async Task<bool> AppendAsync<TEvent>(NpgsqlTransaction transaction, Guid orgId, Guid messageId, TEvent message,
        CancellationToken cancellationToken) =>
        await transaction.Connection!.ExecuteAsync(new CommandDefinition("""
            INSERT INTO projection_event_log (org_id, message_id, event_type, payload, received_at)
            VALUES (@orgId, @messageId, @eventType, @payload::jsonb, @now)
            ON CONFLICT (message_id) DO NOTHING
            """, new
        {
            orgId,
            messageId,
            eventType = typeof(TEvent).Name,
            payload = JsonSerializer.Serialize(message, Json),
            now = clock.GetUtcNow(),
        }, transaction, cancellationToken: cancellationToken)) == 1;

    /// <summary>The organization's events after <paramref name="afterPosition"/>, oldest first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<LoggedEvent>> ReadAsync(NpgsqlTransaction transaction, Guid orgId, long afterPosition,
        int limit, CancellationToken cancellationToken) =>
        [.. await transaction.Connection!.QueryAsync<LoggedEvent>(new CommandDefinition("""
            SELECT position AS Position, event_type AS EventType, payload::text AS Payload
            FROM projection_event_log
            WHERE org_id = @orgId AND position > @afterPosition
            ORDER BY position
            LIMIT @limit
            """, new { orgId, afterPosition, limit }, transaction, cancellationToken: cancellationToken))];

    /// <summary>
    /// Serializes live applies and rebuilds of one organization: consumers share the lock, a rebuild holds it alone,
    /// so no event is applied to read models a rebuild is emptying and refilling.
    /// </summary>
    public static Task LockSharedAsync(NpgsqlTransaction transaction, Guid orgId, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock_shared(hashtext('projection-read-models:' || @org))",
            new { org = orgId.ToString() }, transaction, cancellationToken: cancellationToken));

    public static Task LockExclusiveAsync(NpgsqlTransaction transaction, Guid orgId, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(hashtext('projection-read-models:' || @org))",
            new { org = orgId.ToString() }, transaction, cancellationToken: cancellationToken));
}

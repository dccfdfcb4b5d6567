using System.Globalization;
using System.Text.Json;
using BillingOne.Projection.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Projection.Data;

/// <summary>
/// The <c>partner_watch_events</c> the partner watch stream reads: written by the consumers in the transaction that
/// logs their event, read in (xid, id) order up to the oldest transaction still running.
/// </summary>
public sealed class PartnerWatchEventStore(NpgsqlDataSource dataSource)
{
    /// <summary>Records an organization-level or client event; the client's name, when not given, is the read model's.</summary>
    public static Task AppendAsync<TPayload>(NpgsqlTransaction transaction, Guid orgId, string eventType,
        DateTimeOffset occurredAt, Guid? clientId, string? clientName, TPayload payload,
        CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition("""
            INSERT INTO partner_watch_events (org_id, event_type, client_id, client_name, occurred_at, payload)
            VALUES (@orgId, @eventType, @clientId, COALESCE(@clientName, (SELECT name FROM client_billing_snapshots
                WHERE org_id = @orgId AND client_id = @clientId AND client_version > 0)), @occurredAt, @payload::jsonb)
            """, new
        {
            orgId, eventType, clientId, clientName, occurredAt = occurredAt.ToUniversalTime(),
            payload = JsonSerializer.Serialize(payload, ProjectionEventLog.Json),
        }, transaction, cancellationToken: cancellationToken));

    /// <summary>Whether the bucket's overage of the period was announced.</summary>
    public static Task<bool> OverageAnnouncedAsync(NpgsqlTransaction transaction, Guid orgId, Guid bucketId, int year,
        int month, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteScalarAsync<bool>(new CommandDefinition("""
            SELECT EXISTS (SELECT 1 FROM partner_watch_events
                WHERE org_id = @orgId AND bucket_id = @bucketId AND year = @year AND month = @month
                  AND event_type = 'new-overage')
            """, new { orgId, bucketId, year, month }, transaction, cancellationToken: cancellationToken));

    /// <summary>Announces the bucket's overage of the period once: a concurrent announcement of the same one wins.</summary>
    public static Task AppendOverageAsync(NpgsqlTransaction transaction, Guid orgId, Guid clientId, string? clientName,
        DateTimeOffset observedAt, NewOverageEvent overage, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition("""
            INSERT INTO partner_watch_events (org_id, event_type, client_id, client_name, occurred_at, bucket_id, year,
                month, payload)
            VALUES (@orgId, 'new-overage', @clientId, COALESCE(@clientName, (SELECT name FROM client_billing_snapshots
                WHERE org_id = @orgId AND client_id = @clientId AND client_version > 0)), @observedAt, @BucketId, @Year,
                @Month, @payload::jsonb)
            ON CONFLICT (org_id, bucket_id, year, month) WHERE event_type = 'new-overage' DO NOTHING
            """, new
        {
            orgId, clientId, clientName, observedAt = observedAt.ToUniversalTime(), overage.BucketId, overage.Year,
            overage.Month, payload = JsonSerializer.Serialize(overage, ProjectionEventLog.Json),
        }, transaction, cancellationToken: cancellationToken));

    /// <summary>
    /// The organization's events after <paramref name="after"/> in (xid, id) order, at most <paramref name="limit"/>,
    /// of the given types and client (null: all). Only rows of transactions older than the oldest one still running:
    /// a running transaction may yet commit a row that sorts before the ones after it.
    /// </summary>
    public async Task<IReadOnlyList<WatchedEvent>> PageAsync(Guid orgId, WatchEventCursor after,
        IReadOnlyList<string>? types, Guid? clientId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition("""
            SELECT id AS Id, xid::text AS Xid, event_type AS EventType, occurred_at AS OccurredAt, client_id AS ClientId,
                   client_name AS ClientName, payload::text AS Payload
            FROM partner_watch_events
            WHERE org_id = @orgId AND (xid, id) > (@xid::xid8, @id)
              AND xid < pg_snapshot_xmin(pg_current_snapshot())
              AND (@types::text[] IS NULL OR event_type = ANY (@types))
              AND (@clientId::uuid IS NULL OR client_id = @clientId)
            ORDER BY xid, id
            LIMIT @limit
            """, new
        {
            orgId, xid = after.TransactionId.ToString(CultureInfo.InvariantCulture), id = after.Id,
            types = types?.ToArray(), clientId, limit,
        }, cancellationToken: cancellationToken));
        return [.. rows.Select(row => new WatchedEvent(
            new WatchEventCursor(ulong.Parse(row.Xid, CultureInfo.InvariantCulture), row.Id), row.EventType,
            new DateTimeOffset(row.OccurredAt, TimeSpan.Zero), row.ClientId, row.ClientName, row.Payload))];
    }

    private sealed record Row(long Id, string Xid, string EventType, DateTime OccurredAt, Guid? ClientId,
        string? ClientName, string Payload);
}

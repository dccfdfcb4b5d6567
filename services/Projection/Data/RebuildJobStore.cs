using BillingOne.BuildingBlocks.Data;
using Dapper;
using Npgsql;

namespace BillingOne.Projection.Data;

/// <summary>A rebuild of an organization's read models as people follow it.</summary>
/// <param name="EventsTotal">The events to replay, known once it started.</param>
/// <param name="Clients">Clients the rebuilt read models hold, once completed.</param>
public sealed record RebuildJob(
    Guid Id,
    Guid OrgId,
    string Status,
    Guid RequestedBy,
    DateTimeOffset RequestedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    long? EventsTotal,
    long EventsReplayed,
    long? Clients,
    string? Error);

/// <summary><see cref="RebuildJob"/> as Npgsql reads it (timestamptz as UTC <see cref="DateTime"/>).</summary>
internal sealed record RebuildJobRow(Guid Id, Guid OrgId, string Status, Guid RequestedBy, DateTime RequestedAt,
    DateTime? StartedAt, DateTime? FinishedAt, long? EventsTotal, long EventsReplayed, long? Clients, string? Error)
{
    public RebuildJob ToJob() => new(Id, OrgId, Status, RequestedBy, UtcInstants.From(RequestedAt),
        UtcInstants.From(StartedAt), UtcInstants.From(FinishedAt), EventsTotal, EventsReplayed, Clients, Error);
}

/// <summary>The outcome of asking for a rebuild: the new job, or the one already queued or running.</summary>
public sealed record RebuildRequest(RebuildJob Job, bool Created);

/// <summary>
/// <c>read_model_rebuilds</c>: one queued or running rebuild per organization; the worker claims queued ones. A rebuild
/// holds its organization's read-model lock for its whole transaction, so a running one whose lock is free was cut
/// short (its process stopped): it is queued again and redone from the start, as nothing of it was committed.
/// </summary>
public sealed class RebuildJobStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    public const string AuditTable = "read_model_rebuilds";

    /// <summary>Between the claim and the rebuild taking its lock the lock is free: younger runs are never taken for cut short.</summary>
    private static readonly TimeSpan ClaimGrace = TimeSpan.FromMinutes(1);

    private const string Columns = """
        id AS Id, org_id AS OrgId, status AS Status, requested_by AS RequestedBy, requested_at AS RequestedAt,
        started_at AS StartedAt, finished_at AS FinishedAt, events_total AS EventsTotal,
        events_replayed AS EventsReplayed, clients AS Clients, error AS Error
        """;

    /// <summary>Queues a rebuild in the caller's transaction unless one is queued or running already.</summary>
    public async Task<RebuildRequest> RequestAsync(NpgsqlTransaction transaction, Guid orgId, Guid requestedBy,
        CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var created = await connection.QuerySingleOrDefaultAsync<RebuildJobRow>(new CommandDefinition($"""
            INSERT INTO read_model_rebuilds (id, org_id, status, requested_by, requested_at)
            VALUES (@id, @orgId, 'queued', @requestedBy, @now)
            ON CONFLICT (org_id) WHERE status IN ('queued', 'running') DO NOTHING
            RETURNING {Columns}
            """, new { id = Guid.CreateVersion7(), orgId, requestedBy, now = clock.GetUtcNow() }, transaction,
            cancellationToken: cancellationToken));
        if (created is not null)
        {
            return new RebuildRequest(created.ToJob(), Created: true);
        }
        var active = await connection.QuerySingleAsync<RebuildJobRow>(new CommandDefinition($"""
            SELECT {Columns} FROM read_model_rebuilds WHERE org_id = @orgId AND status IN ('queued', 'running')
            """, new { orgId }, transaction, cancellationToken: cancellationToken));
        return new RebuildRequest(active.ToJob(), Created: false);
    }

    public async Task<RebuildJob?> FindAsync(Guid orgId, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<RebuildJobRow>(new CommandDefinition(
            $"SELECT {Columns} FROM read_model_rebuilds WHERE org_id = @orgId AND id = @id",
            new { orgId, id }, cancellationToken: cancellationToken));
        return row?.ToJob();
    }

    /// <summary>Queues again the runs that were cut short, then claims the oldest queued rebuild; null when none waits.</summary>
    public async Task<RebuildJob?> ClaimNextAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE read_model_rebuilds SET status = 'queued', started_at = NULL, events_replayed = 0
            WHERE status = 'running' AND started_at < @claimedBefore
              AND pg_try_advisory_xact_lock_shared(hashtext('projection-read-models:' || org_id::text))
            """, new { claimedBefore = now - ClaimGrace }, transaction, cancellationToken: cancellationToken));
        var claimed = await connection.QuerySingleOrDefaultAsync<RebuildJobRow>(new CommandDefinition($"""
            UPDATE read_model_rebuilds SET status = 'running', started_at = @now
            WHERE id = (SELECT id FROM read_model_rebuilds WHERE status = 'queued'
                        ORDER BY requested_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING {Columns}
            """, new { now }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return claimed?.ToJob();
    }

    /// <summary>Progress, written outside the rebuild's transaction so that people see it while it runs.</summary>
    public async Task ReportProgressAsync(Guid id, long eventsTotal, long eventsReplayed, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE read_model_rebuilds SET events_total = @eventsTotal, events_replayed = @eventsReplayed
            WHERE id = @id AND status = 'running'
            """, new { id, eventsTotal, eventsReplayed }, cancellationToken: cancellationToken));
    }

    public async Task CompleteAsync(Guid id, long events, long clients, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE read_model_rebuilds SET status = 'completed', finished_at = @now, events_total = @events,
                events_replayed = @events, clients = @clients
            WHERE id = @id
            """, new { id, events, clients, now = clock.GetUtcNow() }, cancellationToken: cancellationToken));
    }

    public async Task FailAsync(Guid id, string error, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE read_model_rebuilds SET status = 'failed', finished_at = @now, error = @error WHERE id = @id
            """, new { id, error, now = clock.GetUtcNow() }, cancellationToken: cancellationToken));
    }
}

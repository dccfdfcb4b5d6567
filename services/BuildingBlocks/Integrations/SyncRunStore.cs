using BillingOne.BuildingBlocks.Data;
using BillingOne.BuildingBlocks.Paging;
using Dapper;
using Npgsql;

namespace BillingOne.BuildingBlocks.Integrations;

/// <summary>The organization's sync runs: queued by a person, a schedule or Sync All, claimed by <see cref="SyncWorker"/>.</summary>
public sealed class SyncRunStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private const string Columns = """
        org_id AS OrgId, id, integration, trigger, status, stage, items_done AS ItemsDone, items_total AS ItemsTotal,
        added, changed, removed, skipped::text AS SkippedJson, breakdown::text AS BreakdownJson, error, requested_by AS RequestedBy, queued_at AS QueuedAt,
        started_at AS StartedAt, finished_at AS FinishedAt
        """;

    private static readonly RunTable Table = new("sync_runs", Columns, "queued_at");

    /// <summary>A new queued run, or the organization's queued or running one for the integration (and false).</summary>
    public async Task<(SyncRun Run, bool Queued)> EnqueueAsync(Guid orgId, string integration, string trigger,
        string requestedBy, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var queued = await connection.QuerySingleOrDefaultAsync<SyncRunRow>(new CommandDefinition($"""
            INSERT INTO sync_runs (org_id, id, integration, trigger, status, requested_by, queued_at)
            VALUES (@orgId, @id, @integration, @trigger, 'queued', @requestedBy, @now)
            ON CONFLICT (org_id, integration) WHERE status IN ('queued', 'running') DO NOTHING
            RETURNING {Columns}
            """, new { orgId, id = Guid.CreateVersion7(), integration, trigger, requestedBy, now = clock.GetUtcNow() },
            cancellationToken: cancellationToken));
        if (queued is not null)
        {
            return (queued.ToRun(), true);
        }
        var active = await connection.QuerySingleOrDefaultAsync<SyncRunRow>(new CommandDefinition($"""
            SELECT {Columns} FROM sync_runs
            WHERE org_id = @orgId AND integration = @integration AND status IN ('queued', 'running')
            """, new { orgId, integration }, cancellationToken: cancellationToken));
        // Finished between the two statements: queue again rather than name a run that is no longer active.
        return active is null
            ? await EnqueueAsync(orgId, integration, trigger, requestedBy, cancellationToken)
            : (active.ToRun(), false);
    }

    /// <summary>Marks the oldest queued run of <paramref name="integrations"/> running and returns it.</summary>
    public async Task<SyncRun?> ClaimNextAsync(IReadOnlyCollection<string> integrations, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<SyncRunRow>(new CommandDefinition($"""
            UPDATE sync_runs SET status = 'running', started_at = @now, stage = 'starting'
            WHERE (org_id, id) = (
                SELECT org_id, id FROM sync_runs
                WHERE status = 'queued' AND integration = ANY(@integrations)
                ORDER BY queued_at LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING {Columns}
            """, new { integrations = integrations.ToArray(), now = clock.GetUtcNow() },
            cancellationToken: cancellationToken));
        return row?.ToRun();
    }

    /// <summary>
    /// Runs this process did not finish (it stopped mid-run) fail visibly instead of staying "running" for ever: what a
    /// run applies, it applies in one transaction, so a failed run changed nothing.
    /// </summary>
    public async Task<int> FailInterruptedAsync(IReadOnlyCollection<string> integrations, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE sync_runs SET status = 'failed', finished_at = @now,
                error = 'Interrupted: the service stopped while the sync ran. Nothing of it was applied; run it again.'
            WHERE status = 'running' AND integration = ANY(@integrations)
            """, new { integrations = integrations.ToArray(), now = clock.GetUtcNow() },
            cancellationToken: cancellationToken));
    }

    public async Task ReportProgressAsync(SyncRun run, string stage, int done, int? total, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE sync_runs SET stage = @stage, items_done = @done, items_total = @total
            WHERE org_id = @OrgId AND id = @Id AND status = 'running'
            """, new { run.OrgId, run.Id, stage, done, total }, cancellationToken: cancellationToken));
    }

    public async Task FinishAsync(SyncRun run, SyncContext? outcome, string? error, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE sync_runs SET status = @status, finished_at = @now, error = @error, stage = NULL,
                added = @added, changed = @changed, removed = @removed, skipped = @skipped::jsonb,
                breakdown = @breakdown::jsonb
            WHERE org_id = @OrgId AND id = @Id
            """, new
        {
            run.OrgId,
            run.Id,
            status = error is null ? SyncRunStatus.Completed : SyncRunStatus.Failed,
            now = clock.GetUtcNow(),
            error,
            // A failed run applied nothing: its counts would claim changes that did not happen.
            added = error is null ? outcome?.Added ?? 0 : 0,
            changed = error is null ? outcome?.Changed ?? 0 : 0,
            removed = error is null ? outcome?.Removed ?? 0 : 0,
            skipped = SyncRun.Serialize(outcome?.Skipped ?? []),
            breakdown = SyncRun.Serialize(error is null ? outcome?.Breakdown ?? new Dictionary<string, SyncCounts>()
                : new Dictionary<string, SyncCounts>()),
        }, cancellationToken: cancellationToken));
    }

    public async Task<SyncRun?> FindAsync(Guid orgId, Guid id, CancellationToken cancellationToken) =>
        (await Table.FindAsync<SyncRunRow>(dataSource, orgId, id, cancellationToken))?.ToRun();

    public async Task<PagedResult<SyncRun>> ListAsync(Guid orgId, string integration, PageRequest page,
        CancellationToken cancellationToken) =>
        (await Table.ListAsync<SyncRunRow>(dataSource, orgId, page, cancellationToken,
            new RunKindFilter("integration", integration))).Select(row => row.ToRun());

    /// <summary>Each integration's latest run for the organization.</summary>
    public async Task<IReadOnlyDictionary<string, SyncRun>> LatestAsync(Guid orgId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<SyncRunRow>(new CommandDefinition($"""
            SELECT DISTINCT ON (integration) {Columns} FROM sync_runs WHERE org_id = @orgId
            ORDER BY integration, queued_at DESC, id DESC
            """, new { orgId }, cancellationToken: cancellationToken));
        return rows.Select(row => row.ToRun()).ToDictionary(run => run.Integration);
    }

    private sealed record SyncRunRow(Guid OrgId, Guid Id, string Integration, string Trigger, string Status, string? Stage,
        int ItemsDone, int? ItemsTotal, int Added, int Changed, int Removed, string SkippedJson, string BreakdownJson,
        string? Error, string RequestedBy, DateTime QueuedAt, DateTime? StartedAt, DateTime? FinishedAt)
    {
        public SyncRun ToRun() => new(OrgId, Id, Integration, Trigger, Status, Stage, ItemsDone, ItemsTotal, Added, Changed,
            Removed, SkippedJson, BreakdownJson, Error, RequestedBy, UtcInstants.From(QueuedAt),
            UtcInstants.From(StartedAt), UtcInstants.From(FinishedAt));
    }
}

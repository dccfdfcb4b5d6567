using BillingOne.BuildingBlocks.Data;
using BillingOne.BuildingBlocks.Messaging;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.Contracts.Events;
using Dapper;
using Npgsql;

namespace BillingOne.BuildingBlocks.Integrations;

/// <summary>How <see cref="SyncRunStore.EnqueueScopedAsync"/> took a notification's records.</summary>
public enum ScopedEnqueueOutcome
{
    /// <summary>A new run for just these records.</summary>
    Queued,

    /// <summary>Added to the scope of the scoped run already waiting.</summary>
    MergedIntoQueued,

    /// <summary>A full run is already waiting and will read them anyway.</summary>
    CoveredByQueued,

    /// <summary>A run is running: they are read by the one follow-up run queued when it finishes.</summary>
    FollowUp,
}

/// <summary>
/// The organization's sync runs: queued by a person, a schedule, Sync All or a vendor's webhook, claimed by
/// <see cref="SyncWorker"/>. A run that fails announces <see cref="SyncFailed"/> in the transaction that records it.
/// </summary>
public sealed class SyncRunStore(NpgsqlDataSource dataSource, TimeProvider clock, IOutbox outbox)
{
    private const string Columns = """
        org_id AS OrgId, id, integration, trigger, status, stage, items_done AS ItemsDone, items_total AS ItemsTotal,
        added, changed, removed, skipped::text AS SkippedJson, breakdown::text AS BreakdownJson, error, requested_by AS RequestedBy, queued_at AS QueuedAt,
        started_at AS StartedAt, finished_at AS FinishedAt, scope::text AS ScopeJson
        """;

    /// <summary>The error of a run whose process stopped while it ran.</summary>
    public const string InterruptedError = "Interrupted: the service stopped while the sync ran. Nothing of it was applied; run it again.";

    /// <summary>Who asked for a webhook-triggered run, as the run history shows it.</summary>
    public const string WebhookRequester = "webhook";

    private static readonly RunTable Table = new("sync_runs", Columns, "queued_at");

    /// <summary>
    /// A new queued run, or the organization's queued or running one for the integration (and false). A waiting
    /// webhook-triggered run limited to some records is widened into this full run instead (and true): the full run
    /// reads those records anyway, and a person or schedule asking for everything should not be turned away by it.
    /// </summary>
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
        var widened = await connection.QuerySingleOrDefaultAsync<SyncRunRow>(new CommandDefinition($"""
            UPDATE sync_runs SET scope = NULL, trigger = @trigger, requested_by = @requestedBy
            WHERE org_id = @orgId AND integration = @integration AND status = 'queued' AND scope IS NOT NULL
            RETURNING {Columns}
            """, new { orgId, integration, trigger, requestedBy }, cancellationToken: cancellationToken));
        if (widened is not null)
        {
            return (widened.ToRun(), true);
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

    /// <summary>
    /// Queues a run limited to <paramref name="scope"/> in the caller's transaction (a consumer's, with its inbox row, so
    /// a redelivered notification queues nothing twice). One run per organization and integration is queued or running,
    /// so a notification meeting one coalesces: a queued full run already covers it, a queued scoped run takes the
    /// records into its scope, and a running run (which may have read them before they changed) gets them as its
    /// follow-up, queued as one scoped run when it finishes (<see cref="FinishAsync"/>).
    /// </summary>
    public async Task<(SyncRun Run, ScopedEnqueueOutcome Outcome)> EnqueueScopedAsync(NpgsqlTransaction transaction,
        Guid orgId, string integration, string trigger, string requestedBy, SyncScope scope,
        CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        // A run finishing between the insert and the lock frees the slot: then the insert is tried again.
        while (true)
        {
            var queued = await connection.QuerySingleOrDefaultAsync<SyncRunRow>(new CommandDefinition($"""
                INSERT INTO sync_runs (org_id, id, integration, trigger, status, requested_by, queued_at, scope)
                VALUES (@orgId, @id, @integration, @trigger, 'queued', @requestedBy, @now, @scope::jsonb)
                ON CONFLICT (org_id, integration) WHERE status IN ('queued', 'running') DO NOTHING
                RETURNING {Columns}
                """, new
            {
                orgId,
                id = Guid.CreateVersion7(),
                integration,
                trigger,
                requestedBy,
                now = clock.GetUtcNow(),
                scope = scope.IsEverything ? null : scope.ToJson(),
            }, transaction, cancellationToken: cancellationToken));
            if (queued is not null)
            {
                return (queued.ToRun(), ScopedEnqueueOutcome.Queued);
            }
            var active = await connection.QuerySingleOrDefaultAsync<ActiveRunRow>(new CommandDefinition("""
                SELECT id, status, scope::text AS ScopeJson, follow_up_scope::text AS FollowUpJson FROM sync_runs
                WHERE org_id = @orgId AND integration = @integration AND status IN ('queued', 'running')
                FOR UPDATE
                """, new { orgId, integration }, transaction, cancellationToken: cancellationToken));
            if (active is null)
            {
                continue;
            }
            string update;
            ScopedEnqueueOutcome outcome;
            object? merged;
            if (active.Status == SyncRunStatus.Running)
            {
                update = "follow_up_scope = @merged::jsonb";
                outcome = ScopedEnqueueOutcome.FollowUp;
                merged = (SyncScope.FromJson(active.FollowUpJson)?.Union(scope) ?? scope).ToJson();
            }
            else if (SyncScope.FromJson(active.ScopeJson) is { } queuedScope)
            {
                var union = queuedScope.Union(scope);
                update = "scope = @merged::jsonb";
                outcome = ScopedEnqueueOutcome.MergedIntoQueued;
                merged = union.IsEverything ? null : union.ToJson();
            }
            else
            {
                update = "scope = scope";
                outcome = ScopedEnqueueOutcome.CoveredByQueued;
                merged = null;
            }
            var run = await connection.QuerySingleAsync<SyncRunRow>(new CommandDefinition($"""
                UPDATE sync_runs SET {update} WHERE org_id = @orgId AND id = @id RETURNING {Columns}
                """, new { orgId, id = active.Id, merged }, transaction, cancellationToken: cancellationToken));
            return (run.ToRun(), outcome);
        }
    }

    /// <summary>
    /// Marks the oldest queued run of <paramref name="integrations"/> running (SKIP LOCKED lets replicas claim different
    /// runs) and returns its lease: the run's advisory lock, held in a transaction of its own for as long as the run
    /// works, so <see cref="FailInterruptedAsync"/> in any process tells a live run from one whose process died.
    /// </summary>
    public async Task<SyncRunLease?> ClaimNextAsync(IReadOnlyCollection<string> integrations, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var next = await connection.QuerySingleOrDefaultAsync<RunKey>(new CommandDefinition("""
            SELECT org_id AS OrgId, id AS Id FROM sync_runs
            WHERE status = 'queued' AND integration = ANY(@integrations)
            ORDER BY queued_at LIMIT 1 FOR UPDATE SKIP LOCKED
            """, new { integrations = integrations.ToArray() }, transaction, cancellationToken: cancellationToken));
        if (next is not { } claimed)
        {
            await transaction.CommitAsync(cancellationToken);
            return null;
        }
        // Locked before the run shows as running, so no sweep ever sees it running without its lock.
        var runLock = await HeldRunLock.AcquireAsync(dataSource, RunLockKey("@id::text"), new { id = claimed.Id },
            cancellationToken);
        try
        {
            var row = await connection.QuerySingleAsync<SyncRunRow>(new CommandDefinition($"""
                UPDATE sync_runs SET status = 'running', started_at = @now, stage = 'starting'
                WHERE org_id = @OrgId AND id = @Id
                RETURNING {Columns}
                """, new { claimed.OrgId, claimed.Id, now = clock.GetUtcNow() }, transaction,
                cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            return new SyncRunLease(row.ToRun(), runLock);
        }
        catch
        {
            await runLock.DisposeAsync();
            throw;
        }
    }

    /// <summary>The advisory lock key of a run, from SQL text that yields the run id as text.</summary>
    private static string RunLockKey(string idText) => $"hashtextextended('sync-run:' || {idText}, 0)";

    /// <summary>
    /// Runs whose process stopped mid-run fail visibly instead of staying "running" for ever: a run is still worked on
    /// exactly while its lease holds its lock (<see cref="ClaimNextAsync"/>), so only runs whose lock is free are failed
    /// and a run another live process (a replica) is working on is left alone. What a run applies, it applies in one
    /// transaction, so a failed run changed nothing. Notifications that waited for such a run get their follow-up run,
    /// as when it finishes.
    /// </summary>
    public Task<int> FailInterruptedAsync(IReadOnlyCollection<string> integrations, CancellationToken cancellationToken) =>
        FailInterruptedAsync(integrations, _ => null, cancellationToken);

    /// <param name="nameOf">The name people know an integration by (<see cref="IIntegration.DisplayName"/>), for the
    /// <see cref="SyncFailed"/> each failed run announces; null leaves it to the key.</param>
    public async Task<int> FailInterruptedAsync(IReadOnlyCollection<string> integrations, Func<string, string?> nameOf,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nameOf);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The locks taken here are released when this transaction ends: an owner that gave its run up meanwhile
        // committed its outcome first, and the status is read again once the lock is had.
        var now = clock.GetUtcNow();
        var failed = (await connection.QueryAsync<(Guid OrgId, Guid Id, string Integration, string? FollowUpJson)>(new CommandDefinition($"""
            UPDATE sync_runs SET status = 'failed', finished_at = @now, error = @error
            WHERE status = 'running' AND integration = ANY(@integrations)
                AND pg_try_advisory_xact_lock({RunLockKey("id::text")})
            RETURNING org_id, id, integration, follow_up_scope::text
            """, new { integrations = integrations.ToArray(), now, error = InterruptedError }, transaction,
            cancellationToken: cancellationToken))).ToList();
        foreach (var (orgId, id, integration, followUpJson) in failed)
        {
            await QueueFollowUpAsync(transaction, orgId, integration, followUpJson, cancellationToken);
            await outbox.EnqueueAsync(transaction,
                new SyncFailed(orgId, id, integration, InterruptedError, now, nameOf(integration)), cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return failed.Count;
    }

    public async Task ReportProgressAsync(SyncRun run, string stage, int done, int? total, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE sync_runs SET stage = @stage, items_done = @done, items_total = @total
            WHERE org_id = @OrgId AND id = @Id AND status = 'running'
            """, new { run.OrgId, run.Id, stage, done, total }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Records the run's outcome and, when notifications arrived while it ran, queues their one follow-up run in the
    /// same transaction, so they are neither lost nor read before the vendor changed them.
    /// </summary>
    public Task FinishAsync(SyncRun run, SyncContext? outcome, string? error, CancellationToken cancellationToken) =>
        FinishAsync(run, outcome, error, integrationName: null, cancellationToken);

    /// <param name="integrationName">The name people know the integration by
    /// (<see cref="IIntegration.DisplayNameFor"/>), for the <see cref="SyncFailed"/> a failed run announces.</param>
    public async Task FinishAsync(SyncRun run, SyncContext? outcome, string? error, string? integrationName,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var followUpJson = await connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition("""
            UPDATE sync_runs SET status = @status, finished_at = @now, error = @error, stage = NULL,
                added = @added, changed = @changed, removed = @removed, skipped = @skipped::jsonb,
                breakdown = @breakdown::jsonb
            WHERE org_id = @OrgId AND id = @Id
            RETURNING follow_up_scope::text
            """, new
        {
            run.OrgId,
            run.Id,
            status = error is null ? SyncRunStatus.Completed : SyncRunStatus.Failed,
            now,
            error,
            // A failed run applied nothing: its counts would claim changes that did not happen.
            added = error is null ? outcome?.Added ?? 0 : 0,
            changed = error is null ? outcome?.Changed ?? 0 : 0,
            removed = error is null ? outcome?.Removed ?? 0 : 0,
            skipped = SyncRun.Serialize(outcome?.Skipped ?? []),
            breakdown = SyncRun.Serialize(error is null ? outcome?.Breakdown ?? new Dictionary<string, SyncCounts>()
                : new Dictionary<string, SyncCounts>()),
        }, transaction, cancellationToken: cancellationToken));
        await QueueFollowUpAsync(transaction, run.OrgId, run.Integration, followUpJson, cancellationToken);
        if (error is not null)
        {
            await outbox.EnqueueAsync(transaction,
                new SyncFailed(run.OrgId, run.Id, run.Integration, error, now, integrationName), cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Queues the one scoped run for notifications that arrived while a run ran, if any did.</summary>
    private async Task QueueFollowUpAsync(NpgsqlTransaction transaction, Guid orgId, string integration,
        string? followUpJson, CancellationToken cancellationToken)
    {
        if (SyncScope.FromJson(followUpJson) is not { } followUp)
        {
            return;
        }
        // The slot was the finished run's until this transaction's update, so nothing else can be queued in between.
        await transaction.Connection!.ExecuteAsync(new CommandDefinition("""
            INSERT INTO sync_runs (org_id, id, integration, trigger, status, requested_by, queued_at, scope)
            VALUES (@orgId, @id, @integration, @trigger, 'queued', @requestedBy, @now, @scope::jsonb)
            ON CONFLICT (org_id, integration) WHERE status IN ('queued', 'running') DO NOTHING
            """, new
        {
            orgId,
            id = Guid.CreateVersion7(),
            integration,
            trigger = SyncTriggers.WebhookTriggered,
            requestedBy = WebhookRequester,
            now = clock.GetUtcNow(),
            scope = followUp.IsEverything ? null : followUp.ToJson(),
        }, transaction, cancellationToken: cancellationToken));
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
        string? Error, string RequestedBy, DateTime QueuedAt, DateTime? StartedAt, DateTime? FinishedAt, string? ScopeJson)
    {
        public SyncRun ToRun() => new(OrgId, Id, Integration, Trigger, Status, Stage, ItemsDone, ItemsTotal, Added, Changed,
            Removed, SkippedJson, BreakdownJson, Error, RequestedBy, UtcInstants.From(QueuedAt),
            UtcInstants.From(StartedAt), UtcInstants.From(FinishedAt), ScopeJson);
    }

    private sealed record RunKey(Guid OrgId, Guid Id);

    private sealed record ActiveRunRow(Guid Id, string Status, string? ScopeJson, string? FollowUpJson);
}

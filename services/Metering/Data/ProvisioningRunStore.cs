using BillingOne.BuildingBlocks.Data;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.Metering.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Metering.Data;

/// <summary>
/// The outcome of asking to start a run: <see cref="Lease"/> is set when this call started <see cref="Run"/>;
/// otherwise <see cref="Run"/> is the run already in progress (null when a scheduled occurrence was already run).
/// </summary>
public sealed record ProvisioningStart(ProvisioningRun? Run, ProvisioningLease? Lease);

/// <summary>
/// Records provisioning runs and keeps them one at a time per organization across every replica. A run holds a
/// transaction-level advisory lock in a transaction of its own that stays open for as long as the run works (so it
/// also holds behind a transaction-pooling PgBouncer); if its process dies, the transaction ends and the lock with it.
/// A run row still marked running while nobody holds the lock is left from such a process, and the next start marks
/// it failed.
/// </summary>
public sealed class ProvisioningRunStore(NpgsqlDataSource dataSource, TimeProvider timeProvider)
{
    internal const string Columns = """
        org_id AS OrgId, id AS Id, trigger AS Trigger, status AS Status, buckets_created AS BucketsCreated,
        assets_bound AS AssetsBound, error AS Error, started_at AS StartedAt, finished_at AS FinishedAt,
        requested_by AS RequestedBy
        """;

    private static readonly RunTable Table = new("provisioning_runs", Columns, "started_at");

    /// <summary>
    /// Starts a run for the organization unless one is running. <paramref name="scheduledFor"/> (scheduled runs)
    /// also skips an occurrence another replica has already run.
    /// </summary>
    public async Task<ProvisioningStart> StartAsync(Guid orgId, ProvisioningTrigger trigger, Guid? requestedBy,
        DateTimeOffset? scheduledFor, CancellationToken cancellationToken)
    {
        var work = await dataSource.OpenConnectionAsync(cancellationToken);
        NpgsqlConnection? holder = null;
        NpgsqlTransaction? holding = null;
        ProvisioningLease? lease = null;
        try
        {
            await using var transaction = await work.BeginTransactionAsync(cancellationToken);
            // Starting and finishing take this lock, so a run is never seen holding its lock without its row.
            await ProvisioningLocks.LockStartsAsync(transaction, orgId, cancellationToken);
            holder = await dataSource.OpenConnectionAsync(cancellationToken);
            holding = await holder.BeginTransactionAsync(cancellationToken);
            if (!await ProvisioningLocks.TryLockRunAsync(holding, orgId, cancellationToken))
            {
                var running = await work.QuerySingleOrDefaultAsync<ProvisioningRunRow>(new CommandDefinition($"""
                    SELECT {Columns} FROM provisioning_runs WHERE org_id = @orgId AND status = 'running'
                    ORDER BY started_at DESC LIMIT 1
                    """, new { orgId }, transaction, cancellationToken: cancellationToken));
                return new ProvisioningStart(running?.ToRun(), null);
            }
            if (scheduledFor is { } occurrence && await work.ExecuteScalarAsync<bool>(new CommandDefinition("""
                    SELECT EXISTS (SELECT 1 FROM provisioning_runs
                                   WHERE org_id = @orgId AND trigger = 'schedule' AND started_at >= @occurrence)
                    """, new { orgId, occurrence = occurrence.UtcDateTime }, transaction,
                    cancellationToken: cancellationToken)))
            {
                return new ProvisioningStart(null, null);
            }

            var now = timeProvider.GetUtcNow().UtcDateTime;
            await work.ExecuteAsync(new CommandDefinition("""
                UPDATE provisioning_runs
                SET status = 'failed', finished_at = @now,
                    error = 'The run was interrupted (its service stopped) before it finished.'
                WHERE org_id = @orgId AND status = 'running'
                """, new { orgId, now }, transaction, cancellationToken: cancellationToken));
            var run = (await work.QuerySingleAsync<ProvisioningRunRow>(new CommandDefinition($"""
                INSERT INTO provisioning_runs (org_id, id, trigger, status, started_at, requested_by)
                VALUES (@orgId, @id, @trigger, 'running', @now, @requestedBy)
                RETURNING {Columns}
                """, new { orgId, id = Guid.CreateVersion7(now), trigger = trigger.ToApiName(), now, requestedBy },
                transaction, cancellationToken: cancellationToken))).ToRun();
            await transaction.CommitAsync(cancellationToken);
            lease = new ProvisioningLease(work, holder, holding, run, timeProvider);
            return new ProvisioningStart(run, lease);
        }
        finally
        {
            // Unless a lease took them over: ending the holding transaction releases the run lock.
            if (lease is null)
            {
                if (holding is not null)
                {
                    await holding.DisposeAsync();
                }
                if (holder is not null)
                {
                    await holder.DisposeAsync();
                }
                await work.DisposeAsync();
            }
        }
    }

    public async Task<ProvisioningRun?> FindAsync(Guid orgId, Guid id, CancellationToken cancellationToken) =>
        (await Table.FindAsync<ProvisioningRunRow>(dataSource, orgId, id, cancellationToken))?.ToRun();

    /// <summary>A page of the organization's runs, newest first.</summary>
    public async Task<PagedResult<ProvisioningRun>> ListAsync(Guid orgId, PageRequest page,
        CancellationToken cancellationToken) =>
        (await Table.ListAsync<ProvisioningRunRow>(dataSource, orgId, page, cancellationToken)).Select(row => row.ToRun());

    /// <summary>Organizations with at least one auto-provisioning unit type: the ones the nightly schedule visits.</summary>
    public async Task<IReadOnlyList<Guid>> OrganizationsWithTemplatesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var orgIds = await connection.QueryAsync<Guid>(new CommandDefinition(
            "SELECT DISTINCT org_id FROM unit_types WHERE auto_provision ORDER BY org_id",
            cancellationToken: cancellationToken));
        return orgIds.ToList();
    }
}

/// <summary>
/// A started run: it holds the organization's run lock until <see cref="FinishAsync"/> or disposal. Provisioning works
/// on <see cref="Connection"/>, so a run takes two pooled connections however long it lasts.
/// </summary>
public sealed class ProvisioningLease : IAsyncDisposable
{
    private readonly NpgsqlConnection holder;
    private readonly NpgsqlTransaction holding;
    private readonly TimeProvider timeProvider;

    internal ProvisioningLease(NpgsqlConnection connection, NpgsqlConnection holder, NpgsqlTransaction holding,
        ProvisioningRun run, TimeProvider timeProvider)
    {
        Connection = connection;
        this.holder = holder;
        this.holding = holding;
        Run = run;
        this.timeProvider = timeProvider;
    }

    public NpgsqlConnection Connection { get; }

    public ProvisioningRun Run { get; }

    /// <summary>Records the outcome and releases the run lock, so the next start finds the run finished.</summary>
    public async Task<ProvisioningRun> FinishAsync(ProvisioningRunStatus status, string? error)
    {
        // Not cancellable: a run that was stopped still has to say so.
        await using var transaction = await Connection.BeginTransactionAsync();
        await ProvisioningLocks.LockStartsAsync(transaction, Run.OrgId, CancellationToken.None);
        var finished = (await Connection.QuerySingleAsync<ProvisioningRunRow>(new CommandDefinition($"""
            UPDATE provisioning_runs SET status = @status, error = @error, finished_at = @now
            WHERE org_id = @OrgId AND id = @Id
            RETURNING {ProvisioningRunStore.Columns}
            """, new { Run.OrgId, Run.Id, status = status.ToApiName(), error, now = timeProvider.GetUtcNow().UtcDateTime },
            transaction))).ToRun();
        await holding.CommitAsync();
        await transaction.CommitAsync();
        return finished;
    }

    public async ValueTask DisposeAsync()
    {
        await holding.DisposeAsync();
        await holder.DisposeAsync();
        await Connection.DisposeAsync();
    }
}

/// <summary>The advisory locks that keep provisioning runs one at a time per organization.</summary>
internal static class ProvisioningLocks
{
    public static Task LockStartsAsync(NpgsqlTransaction transaction, Guid orgId, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(hashtextextended('metering:provisioning-start:' || @org, 0))",
            new { org = orgId.ToString() }, transaction, cancellationToken: cancellationToken));

    public static Task<bool> TryLockRunAsync(NpgsqlTransaction transaction, Guid orgId,
        CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT pg_try_advisory_xact_lock(hashtextextended('metering:provisioning-run:' || @org, 0))",
            new { org = orgId.ToString() }, transaction, cancellationToken: cancellationToken));
}

/// <summary>A <c>provisioning_runs</c> row; Npgsql reads timestamptz as a UTC <see cref="DateTime"/>.</summary>
internal sealed record ProvisioningRunRow(Guid OrgId, Guid Id, string Trigger, string Status, int BucketsCreated,
    int AssetsBound, string? Error, DateTime StartedAt, DateTime? FinishedAt, Guid? RequestedBy)
{
    public ProvisioningRun ToRun() => new(OrgId, Id, ProvisioningNames.ParseTrigger(Trigger),
        ProvisioningNames.ParseStatus(Status), BucketsCreated, AssetsBound, Error,
        new DateTimeOffset(StartedAt, TimeSpan.Zero),
        FinishedAt is { } finishedAt ? new DateTimeOffset(finishedAt, TimeSpan.Zero) : null, RequestedBy);
}

using BillingOne.BuildingBlocks.Auditing;
using BillingOne.Reconciliation.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Reconciliation.Data;

/// <summary>A saved schedule and the occurrence it waits for (null while off).</summary>
public sealed record StoredSnapshotSchedule(SnapshotSchedule Schedule, DateTimeOffset? NextRunAt);

/// <summary>Each organization's device snapshot schedule, and the occurrence each one waits for.</summary>
public sealed class SnapshotScheduleStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    public const string AuditTable = "snapshot_schedules";

    /// <summary>The organization's schedule; the (switched off) default until someone saves one.</summary>
    public async Task<StoredSnapshotSchedule> GetAsync(Guid orgId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await GetAsync(connection, null, orgId, cancellationToken);
    }

    /// <summary>Saves the schedule, audited as the caller; it waits for its next occurrence from now.</summary>
    public async Task<StoredSnapshotSchedule> SaveAsync(Guid orgId, SnapshotSchedule schedule, Guid updatedBy,
        IAuditTrail audit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var before = await GetAsync(connection, transaction, orgId, cancellationToken, forUpdate: true);
        var now = clock.GetUtcNow();
        var saved = new StoredSnapshotSchedule(schedule, schedule.NextOccurrenceAfter(now));
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO snapshot_schedules (org_id, enabled, day_of_month, hour_utc, next_run_at, updated_at, updated_by)
            VALUES (@orgId, @Enabled, @DayOfMonth, @HourUtc, @nextRunAt, @now, @updatedBy)
            ON CONFLICT (org_id) DO UPDATE SET enabled = excluded.enabled, day_of_month = excluded.day_of_month,
                hour_utc = excluded.hour_utc, next_run_at = excluded.next_run_at, updated_at = excluded.updated_at,
                updated_by = excluded.updated_by
            """, new { orgId, schedule.Enabled, schedule.DayOfMonth, schedule.HourUtc, nextRunAt = saved.NextRunAt, now, updatedBy },
            transaction, cancellationToken: cancellationToken));
        await audit.RecordAsync(transaction, AuditActions.Update, AuditTable, orgId.ToString(), before.Schedule, schedule,
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return saved;
    }

    /// <summary>The switched-on schedules whose occurrence has come.</summary>
    public async Task<IReadOnlyList<(Guid OrgId, StoredSnapshotSchedule Schedule)>> DueAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<ScheduleRow>(new CommandDefinition("""
            SELECT org_id AS OrgId, enabled, day_of_month AS DayOfMonth, hour_utc AS HourUtc, next_run_at AS NextRunAt
            FROM snapshot_schedules WHERE enabled AND next_run_at <= @now
            """, new { now = clock.GetUtcNow() }, cancellationToken: cancellationToken));
        return [.. rows.Select(row => (row.OrgId, row.ToStored()))];
    }

    /// <summary>
    /// Moves the schedule from the occurrence <paramref name="expected"/> to <paramref name="next"/>. False when another
    /// replica (or a save) moved it first: then this one does not act on the occurrence.
    /// </summary>
    public async Task<bool> MoveAsync(Guid orgId, DateTimeOffset expected, DateTimeOffset? next,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE snapshot_schedules SET next_run_at = @next WHERE org_id = @orgId AND next_run_at = @expected
            """, new { orgId, expected, next }, cancellationToken: cancellationToken)) == 1;
    }

    private static async Task<StoredSnapshotSchedule> GetAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction,
        Guid orgId, CancellationToken cancellationToken, bool forUpdate = false)
    {
        var row = await connection.QuerySingleOrDefaultAsync<ScheduleRow>(new CommandDefinition($"""
            SELECT org_id AS OrgId, enabled, day_of_month AS DayOfMonth, hour_utc AS HourUtc, next_run_at AS NextRunAt
            FROM snapshot_schedules WHERE org_id = @orgId {(forUpdate ? "FOR UPDATE" : "")}
            """, new { orgId }, transaction, cancellationToken: cancellationToken));
        return row?.ToStored() ?? new StoredSnapshotSchedule(SnapshotSchedule.Default, null);
    }

    private sealed record ScheduleRow(Guid OrgId, bool Enabled, int DayOfMonth, int HourUtc, DateTime? NextRunAt)
    {
        public StoredSnapshotSchedule ToStored() => new(new SnapshotSchedule(Enabled, DayOfMonth, HourUtc),
            NextRunAt is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null);
    }
}

using BillingOne.BuildingBlocks.Auditing;
using BillingOne.Metering.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Metering.Data;

/// <summary>An organization that bills: its schedule, and the grace period its drafts wait before they are final.</summary>
public sealed record BillingOrganization(Guid OrgId, BillingSettings Settings, GracePeriod Grace);

/// <summary>Each organization's billing settings, and where its monthly schedule stands.</summary>
public sealed class BillingSettingsStore(NpgsqlDataSource dataSource, TimeProvider timeProvider)
{
    public const string AuditTable = "billing_settings";

    /// <summary>The organization's settings; the defaults until someone saves them.</summary>
    public async Task<BillingSettings> GetAsync(Guid orgId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await GetAsync(connection, null, orgId, cancellationToken);
    }

    /// <summary>
    /// Saves the settings, audited as the caller. A changed schedule starts afresh: its next occurrence counts from now.
    /// </summary>
    public async Task<BillingSettings> SaveAsync(Guid orgId, BillingSettings settings, Guid? updatedBy,
        IAuditTrail audit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var before = await GetAsync(connection, transaction, orgId, cancellationToken, forUpdate: true);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO billing_settings (org_id, schedule, schedule_enabled, updated_at, updated_by)
            VALUES (@orgId, @Schedule, @ScheduleEnabled, @now, @updatedBy)
            ON CONFLICT (org_id) DO UPDATE
            SET schedule = excluded.schedule, schedule_enabled = excluded.schedule_enabled,
                updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """, new
        {
            orgId,
            settings.Schedule,
            settings.ScheduleEnabled,
            now = timeProvider.GetUtcNow().UtcDateTime,
            updatedBy,
        }, transaction, cancellationToken: cancellationToken));
        if (before.Schedule != settings.Schedule || before.ScheduleEnabled != settings.ScheduleEnabled)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM billing_schedule_marks WHERE org_id = @orgId", new { orgId }, transaction,
                cancellationToken: cancellationToken));
        }
        await audit.RecordAsync(transaction, AuditActions.Update, AuditTable, orgId.ToString(), before, settings,
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return settings;
    }

    /// <summary>
    /// The organizations that bill: those with buckets, with their settings (the defaults until saved) and the grace
    /// days identity announced (its default until it has announced any).
    /// </summary>
    public async Task<IReadOnlyList<BillingOrganization>> BillingOrganizationsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<OrganizationRow>(new CommandDefinition("""
            SELECT b.org_id AS OrgId, s.schedule AS Schedule, s.schedule_enabled AS ScheduleEnabled,
                   o.billing_grace_days AS GraceDays
            FROM (SELECT DISTINCT org_id FROM buckets) b
            LEFT JOIN billing_settings s ON s.org_id = b.org_id
            LEFT JOIN organizations o ON o.org_id = b.org_id
            ORDER BY b.org_id
            """, cancellationToken: cancellationToken));
        return rows.Select(row => new BillingOrganization(row.OrgId,
            row.Schedule is null ? BillingSettings.Default : new BillingSettings(row.Schedule, row.ScheduleEnabled!.Value),
            row.GraceDays is { } days ? new GracePeriod(days) : GracePeriod.Default)).ToList();
    }

    /// <summary>
    /// Whether the organization's schedule has been planned, and the occurrence it waits for (null: none to come).
    /// </summary>
    public async Task<(bool Planned, DateTimeOffset? NextRunAt)> NextRunAsync(Guid orgId,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var mark = await connection.QuerySingleOrDefaultAsync<ScheduleMarkRow>(new CommandDefinition(
            "SELECT next_run_at AS NextRunAt FROM billing_schedule_marks WHERE org_id = @orgId", new { orgId },
            cancellationToken: cancellationToken));
        return mark is null
            ? (false, null)
            : (true, mark.NextRunAt is { } at ? new DateTimeOffset(at, TimeSpan.Zero) : null);
    }

    /// <summary>
    /// Moves the schedule from <paramref name="expected"/> (null: not planned yet) to <paramref name="next"/>. False
    /// when another replica moved it first: that replica handles the occurrence.
    /// </summary>
    public async Task<bool> MoveScheduleAsync(Guid orgId, DateTimeOffset? expected, DateTimeOffset? next,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var parameters = new { orgId, expected = expected?.UtcDateTime, next = next?.UtcDateTime };
        var changed = expected is null
            ? await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO billing_schedule_marks (org_id, next_run_at) VALUES (@orgId, @next)
                ON CONFLICT (org_id) DO NOTHING
                """, parameters, cancellationToken: cancellationToken))
            : await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE billing_schedule_marks SET next_run_at = @next
                WHERE org_id = @orgId AND next_run_at = @expected
                """, parameters, cancellationToken: cancellationToken));
        return changed == 1;
    }

    private static async Task<BillingSettings> GetAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction,
        Guid orgId, CancellationToken cancellationToken, bool forUpdate = false)
    {
        var row = await connection.QuerySingleOrDefaultAsync<SettingsRow>(new CommandDefinition($"""
            SELECT schedule AS Schedule, schedule_enabled AS ScheduleEnabled
            FROM billing_settings WHERE org_id = @orgId {(forUpdate ? "FOR UPDATE" : "")}
            """, new { orgId }, transaction, cancellationToken: cancellationToken));
        return row is null ? BillingSettings.Default : new BillingSettings(row.Schedule, row.ScheduleEnabled);
    }

    private sealed record ScheduleMarkRow(DateTime? NextRunAt);

    private sealed record SettingsRow(string Schedule, bool ScheduleEnabled);

    private sealed record OrganizationRow(Guid OrgId, string? Schedule, bool? ScheduleEnabled, int? GraceDays);
}

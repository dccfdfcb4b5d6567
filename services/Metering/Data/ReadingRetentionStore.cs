using System.Globalization;
using BillingOne.BuildingBlocks.Auditing;
using BillingOne.Metering.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Metering.Data;

/// <summary>A month of raw readings that was archived or whose archive was dropped, and whose readings it held.</summary>
public sealed record ArchivedMonth(DateOnly Month, string Table, IReadOnlyList<Guid> OrgIds);

/// <summary>What one archive pass did.</summary>
public sealed record ArchivePass(IReadOnlyList<ArchivedMonth> Archived, IReadOnlyList<ArchivedMonth> Dropped);

/// <summary>
/// Each organization's raw-reading retention, and the archiving of month partitions it allows. Partitions hold every
/// organization's readings of a UTC month, so a month is archived only when every organization with readings in it
/// allows it and none of them has a billing period in or next to it that is not final; the retention is how long
/// readings are kept at least.
/// </summary>
public sealed class ReadingRetentionStore(NpgsqlDataSource dataSource, TimeProvider timeProvider)
{
    public const string AuditTable = "raw_reading_retention";
    public const string ArchiveAuditTable = "raw_readings";
    public const string ArchiveAction = "archive";

    private const string PartitionPrefix = "raw_readings_";

    public async Task<ReadingRetention> GetAsync(Guid orgId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<RetentionRow>(new CommandDefinition("""
            SELECT keep_months AS KeepMonths, drop_archived_after_months AS DropArchivedAfterMonths
            FROM raw_reading_retention WHERE org_id = @orgId
            """, new { orgId }, cancellationToken: cancellationToken));
        return row is null ? ReadingRetention.Default : new ReadingRetention(row.KeepMonths, row.DropArchivedAfterMonths);
    }

    /// <summary>Saves the organization's retention, audited as the caller.</summary>
    public async Task<ReadingRetention> SaveAsync(Guid orgId, ReadingRetention retention, Guid? updatedBy,
        IAuditTrail audit, CancellationToken cancellationToken)
    {
        var before = await GetAsync(orgId, cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO raw_reading_retention (org_id, keep_months, drop_archived_after_months, updated_at, updated_by)
            VALUES (@orgId, @KeepMonths, @DropArchivedAfterMonths, @now, @updatedBy)
            ON CONFLICT (org_id) DO UPDATE
            SET keep_months = excluded.keep_months, drop_archived_after_months = excluded.drop_archived_after_months,
                updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """, new
        {
            orgId,
            retention.KeepMonths,
            retention.DropArchivedAfterMonths,
            now = timeProvider.GetUtcNow().UtcDateTime,
            updatedBy,
        }, transaction, cancellationToken: cancellationToken));
        await audit.RecordAsync(transaction, AuditActions.Update, AuditTable, orgId.ToString(), before, retention,
            cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return retention;
    }

    /// <summary>
    /// Archives every month partition the retentions allow and drops every archive they allow, one transaction per
    /// month, each audited for every organization whose readings it held (as the service).
    /// </summary>
    public async Task<ArchivePass> ArchiveDueAsync(IAuditTrail audit, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var archived = new List<ArchivedMonth>();
        foreach (var month in await PartitionMonthsAsync(cancellationToken))
        {
            if (month >= ReadingRetention.FirstAlwaysKept(now))
            {
                continue;
            }
            var orgIds = await OrganizationsInAsync(month, cancellationToken);
            if (await AllowArchivingAsync(orgIds, month, now, cancellationToken)
                && await ArchiveAsync(month, orgIds, audit, cancellationToken) is { } archivedMonth)
            {
                archived.Add(archivedMonth);
            }
        }
        var dropped = new List<ArchivedMonth>();
        foreach (var archive in await ArchivesAsync(cancellationToken))
        {
            var retentions = await RetentionsAsync(archive.OrgIds, cancellationToken);
            if (archive.OrgIds.All(org => retentions.GetValueOrDefault(org, ReadingRetention.Default)
                    .AllowsDropping(archive.ArchivedAt, now))
                && await DropAsync(archive, audit, cancellationToken) is { } droppedMonth)
            {
                dropped.Add(droppedMonth);
            }
        }
        return new ArchivePass(archived, dropped);
    }

    private async Task<IReadOnlyList<DateOnly>> PartitionMonthsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var names = await connection.QueryAsync<string>(new CommandDefinition("""
            SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = 'raw_readings'::regclass ORDER BY c.relname
            """, cancellationToken: cancellationToken));
        return names
            .Select(name => DateOnly.TryParseExact(name[PartitionPrefix.Length..] + "_01", "yyyy_MM_dd",
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) ? month : (DateOnly?)null)
            .OfType<DateOnly>()
            .ToList();
    }

    /// <summary>
    /// The organizations with readings in the month: one index probe per organization (the key leads with it), not a
    /// scan of the month's readings.
    /// </summary>
    private async Task<IReadOnlyList<Guid>> OrganizationsInAsync(DateOnly month, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<Guid>(new CommandDefinition("""
            WITH RECURSIVE orgs(org_id) AS (
                (SELECT org_id FROM raw_readings WHERE observed_at >= @start AND observed_at < @end
                 ORDER BY org_id LIMIT 1)
                UNION ALL
                SELECT (SELECT r.org_id FROM raw_readings r
                        WHERE r.org_id > orgs.org_id AND r.observed_at >= @start AND r.observed_at < @end
                        ORDER BY r.org_id LIMIT 1)
                FROM orgs WHERE orgs.org_id IS NOT NULL)
            SELECT org_id FROM orgs WHERE org_id IS NOT NULL
            """, new { start = Utc(month), end = Utc(month.AddMonths(1)) }, cancellationToken: cancellationToken)))
            .ToList();
    }

    /// <summary>
    /// Every organization allows it, and none has a billing run queued or running, or billing lines none of which is
    /// final, for the month or the months beside it (a client's period in its time zone reaches into those).
    /// </summary>
    private async Task<bool> AllowArchivingAsync(IReadOnlyList<Guid> orgIds, DateOnly month, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var retentions = await RetentionsAsync(orgIds, cancellationToken);
        if (!orgIds.All(org => retentions.GetValueOrDefault(org, ReadingRetention.Default).AllowsArchiving(month, now)))
        {
            return false;
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var open = await connection.ExecuteScalarAsync<bool>(new CommandDefinition("""
            SELECT EXISTS (
                SELECT 1 FROM billing_runs
                WHERE org_id = ANY (@orgIds) AND status IN ('queued', 'running')
                  AND period_year * 12 + period_month BETWEEN @index - 1 AND @index + 1)
            OR EXISTS (
                SELECT 1 FROM billing_readings
                WHERE org_id = ANY (@orgIds) AND kind = 'reading'
                  AND period_year * 12 + period_month BETWEEN @index - 1 AND @index + 1
                GROUP BY org_id, period_year, period_month
                HAVING NOT bool_or(status = 'final'))
            """, new { orgIds = orgIds.ToArray(), index = month.Year * 12 + month.Month },
            cancellationToken: cancellationToken));
        return !open;
    }

    /// <summary>Archives the month; null when another replica archived it first.</summary>
    private async Task<ArchivedMonth?> ArchiveAsync(DateOnly month, IReadOnlyList<Guid> orgIds, IAuditTrail audit,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var table = await connection.ExecuteScalarAsync<string>(new CommandDefinition(
            "SELECT archive_raw_readings_partition(@month::date, @orgIds)",
            new { month = DateParameter(month), orgIds = orgIds.ToArray() }, transaction,
            cancellationToken: cancellationToken));
        if (table is null)
        {
            return null;
        }
        foreach (var orgId in orgIds)
        {
            await audit.RecordAsync(transaction, AuditActor.Service(orgId), ArchiveAction, ArchiveAuditTable,
                MonthKey(month), null, new { month = MonthKey(month), table }, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return new ArchivedMonth(month, table, orgIds);
    }

    /// <summary>Drops the archive; null when another replica dropped it first.</summary>
    private async Task<ArchivedMonth?> DropAsync(ArchiveRow archive, IAuditTrail audit,
        CancellationToken cancellationToken)
    {
        var month = DateOnly.FromDateTime(archive.Month);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT drop_archived_raw_readings(@month::date)", new { month = DateParameter(month) }, transaction,
                cancellationToken: cancellationToken)))
        {
            return null;
        }
        foreach (var orgId in archive.OrgIds)
        {
            await audit.RecordAsync(transaction, AuditActor.Service(orgId), AuditActions.Delete, ArchiveAuditTable,
                MonthKey(month), new { month = MonthKey(month), table = archive.TableName }, null, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return new ArchivedMonth(month, archive.TableName, archive.OrgIds);
    }

    private async Task<IReadOnlyList<ArchiveRow>> ArchivesAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<ArchiveRow>(new CommandDefinition("""
            SELECT month::timestamp AS Month, table_name AS TableName, org_ids AS OrgIds, archived_at AS ArchivedAtUtc
            FROM raw_reading_archives WHERE dropped_at IS NULL ORDER BY month
            """, cancellationToken: cancellationToken))).ToList();
    }

    private async Task<Dictionary<Guid, ReadingRetention>> RetentionsAsync(IReadOnlyList<Guid> orgIds,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<OrgRetentionRow>(new CommandDefinition("""
            SELECT org_id AS OrgId, keep_months AS KeepMonths, drop_archived_after_months AS DropArchivedAfterMonths
            FROM raw_reading_retention WHERE org_id = ANY (@orgIds)
            """, new { orgIds = orgIds.ToArray() }, cancellationToken: cancellationToken)))
            .ToDictionary(row => row.OrgId, row => new ReadingRetention(row.KeepMonths, row.DropArchivedAfterMonths));
    }

    private static DateTime Utc(DateOnly day) => day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    /// <summary>A day as a timestamp without time zone, which casts to that date whatever the session's zone.</summary>
    private static DateTime DateParameter(DateOnly day) => day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);

    private static string MonthKey(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private sealed record RetentionRow(int? KeepMonths, int? DropArchivedAfterMonths);

    private sealed record OrgRetentionRow(Guid OrgId, int? KeepMonths, int? DropArchivedAfterMonths);

    // A class, not a positional record: Dapper matches constructors by the reader's column types, and a uuid[]
    // column reads as System.Array there.
    private sealed class ArchiveRow
    {
        public DateTime Month { get; init; }

        public string TableName { get; init; } = "";

        public Guid[] OrgIds { get; init; } = [];

        public DateTime ArchivedAtUtc { get; init; }

        public DateTimeOffset ArchivedAt => new(DateTime.SpecifyKind(ArchivedAtUtc, DateTimeKind.Utc));
    }
}

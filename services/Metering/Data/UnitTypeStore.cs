using BillingOne.BuildingBlocks.Auditing;
using BillingOne.BuildingBlocks.Data;
using BillingOne.BuildingBlocks.Messaging;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.Contracts.Events;
using BillingOne.Metering.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Metering.Data;

public enum UnitTypeWriteStatus
{
    Saved,
    Unchanged,
    NotFound,
    DuplicateKey,

    /// <summary>The change, applied to the current values, is not valid (its errors were reported by the change).</summary>
    Invalid,

    /// <summary>Billing buckets use the unit type, so it cannot be deleted.</summary>
    InUse,
}

/// <summary>
/// The outcome of a write; <see cref="UnitType"/> is set when it was saved or unchanged, <see cref="Buckets"/> when
/// the unit type is in use.
/// </summary>
public sealed record UnitTypeWriteResult(UnitTypeWriteStatus Status, UnitType? UnitType = null, long Buckets = 0);

/// <summary>
/// Reads and writes the <c>unit_types</c> table of one organization at a time. Every change writes its audit
/// entry and announces itself (<see cref="UnitTypeChanged"/>, for ingestion's set of known keys) in the transaction
/// of the change.
/// </summary>
public sealed partial class UnitTypeStore(
    NpgsqlDataSource dataSource, IAuditTrail audit, IOutbox outbox, TimeProvider timeProvider,
    ILogger<UnitTypeStore> logger)
{
    private const string KeyUniqueIndex = "ux_unit_types_org_key";
    private const string AuditTable = "unit_types";

    /// <summary>The table whose foreign key keeps a unit type in use from being deleted.</summary>
    private const string BucketsTable = "buckets";

    private const string Columns = """
        org_id AS OrgId, id AS Id, key AS Key, name AS Name, description AS Description,
        auto_provision AS AutoProvision, base_price AS BasePrice, overage_price AS OveragePrice,
        currency AS Currency, aggregation AS Aggregation, filter_pattern AS FilterPattern,
        commit_units AS CommitUnits, precision AS Precision, created_at AS CreatedAt, updated_at AS UpdatedAt
        """;

    public async Task<UnitTypeWriteResult> CreateAsync(Guid orgId, UnitTypeDefinition definition,
        CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<UnitTypeRow>(new CommandDefinition($"""
            INSERT INTO unit_types (org_id, id, key, name, description, auto_provision, base_price, overage_price,
                                    currency, aggregation, filter_pattern, commit_units, precision, created_at,
                                    updated_at)
            VALUES (@orgId, @id, @Key, @Name, @Description, @AutoProvision, @BasePrice, @OveragePrice,
                    @Currency, @Aggregation, @FilterPattern, @CommitUnits, @Precision, @now, @now)
            ON CONFLICT (org_id, key) DO NOTHING
            RETURNING {Columns}
            """, Parameters(orgId, Guid.CreateVersion7(now), definition, now), transaction,
            cancellationToken: cancellationToken));
        if (row is null)
        {
            return new UnitTypeWriteResult(UnitTypeWriteStatus.DuplicateKey);
        }

        var unitType = row.ToUnitType();
        await audit.RecordAsync(transaction, AuditActions.Create, AuditTable, unitType.Id.ToString(), null,
            AuditValues(unitType.Definition), cancellationToken);
        await AnnounceAsync(transaction, unitType, deleted: false, unitType.UpdatedAt, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogUnitTypeSaved(unitType.Id, unitType.Definition.Key, orgId);
        return new UnitTypeWriteResult(UnitTypeWriteStatus.Saved, unitType);
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the current definition under a row lock, so concurrent edits of one unit
    /// type are applied (and audited) one after the other. Null from <paramref name="change"/> means it is invalid.
    /// </summary>
    public async Task<UnitTypeWriteResult> UpdateAsync(Guid orgId, Guid id,
        Func<UnitTypeDefinition, UnitTypeDefinition?> change, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = await connection.QuerySingleOrDefaultAsync<UnitTypeRow>(new CommandDefinition($"""
            SELECT {Columns} FROM unit_types WHERE org_id = @orgId AND id = @id FOR UPDATE
            """, new { orgId, id }, transaction, cancellationToken: cancellationToken));
        if (current is null)
        {
            return new UnitTypeWriteResult(UnitTypeWriteStatus.NotFound);
        }
        var existing = current.ToUnitType();
        var changed = change(existing.Definition);
        if (changed is null)
        {
            return new UnitTypeWriteResult(UnitTypeWriteStatus.Invalid);
        }
        if (changed == existing.Definition)
        {
            return new UnitTypeWriteResult(UnitTypeWriteStatus.Unchanged, existing);
        }

        UnitTypeRow updated;
        try
        {
            updated = await connection.QuerySingleAsync<UnitTypeRow>(new CommandDefinition($"""
                UPDATE unit_types
                SET key = @Key, name = @Name, description = @Description, auto_provision = @AutoProvision,
                    base_price = @BasePrice, overage_price = @OveragePrice, currency = @Currency,
                    aggregation = @Aggregation, filter_pattern = @FilterPattern, commit_units = @CommitUnits,
                    precision = @Precision, updated_at = @now
                WHERE org_id = @orgId AND id = @id
                RETURNING {Columns}
                """, Parameters(orgId, id, changed, timeProvider.GetUtcNow()), transaction,
                cancellationToken: cancellationToken));
        }
        catch (PostgresException exception) when (exception is
        { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: KeyUniqueIndex })
        {
            return new UnitTypeWriteResult(UnitTypeWriteStatus.DuplicateKey);
        }

        var unitType = updated.ToUnitType();
        await audit.RecordAsync(transaction, AuditActions.Update, AuditTable, id.ToString(),
            AuditValues(existing.Definition), AuditValues(unitType.Definition), cancellationToken);
        await AnnounceAsync(transaction, unitType, deleted: false, unitType.UpdatedAt, cancellationToken);
        // Its buckets' observations carry its key and are rounded to its precision.
        await UsageObservationStore.MarkAsync(transaction,
            "SELECT org_id, id AS bucket_id FROM buckets WHERE org_id = @orgId AND unit_type_id = @id",
            new { orgId, id }, unitType.UpdatedAt, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogUnitTypeSaved(id, unitType.Definition.Key, orgId);
        return new UnitTypeWriteResult(UnitTypeWriteStatus.Saved, unitType);
    }

    /// <summary>
    /// Deletes the unit type: <see cref="UnitTypeWriteStatus.Saved"/> when deleted,
    /// <see cref="UnitTypeWriteStatus.NotFound"/> when the organization has none with this id,
    /// <see cref="UnitTypeWriteStatus.InUse"/> (with the number of buckets) while billing buckets use it.
    /// </summary>
    public async Task<UnitTypeWriteResult> DeleteAsync(Guid orgId, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        UnitTypeRow? deleted;
        try
        {
            deleted = await connection.QuerySingleOrDefaultAsync<UnitTypeRow>(new CommandDefinition($"""
                DELETE FROM unit_types WHERE org_id = @orgId AND id = @id RETURNING {Columns}
                """, new { orgId, id }, transaction, cancellationToken: cancellationToken));
        }
        catch (PostgresException exception) when (exception is
        { SqlState: PostgresErrorCodes.ForeignKeyViolation, TableName: BucketsTable })
        {
            await transaction.RollbackAsync(cancellationToken);
            var buckets = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
                SELECT count(*) FROM buckets WHERE org_id = @orgId AND unit_type_id = @id
                """, new { orgId, id }, cancellationToken: cancellationToken));
            return new UnitTypeWriteResult(UnitTypeWriteStatus.InUse, Buckets: buckets);
        }
        if (deleted is null)
        {
            return new UnitTypeWriteResult(UnitTypeWriteStatus.NotFound);
        }
        var unitType = deleted.ToUnitType();
        await audit.RecordAsync(transaction, AuditActions.Delete, AuditTable, id.ToString(),
            AuditValues(unitType.Definition), null, cancellationToken);
        await AnnounceAsync(transaction, unitType, deleted: true, timeProvider.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogUnitTypeDeleted(id, deleted.Key, orgId);
        return new UnitTypeWriteResult(UnitTypeWriteStatus.Saved, unitType);
    }

    public async Task<UnitType?> FindAsync(Guid orgId, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<UnitTypeRow>(new CommandDefinition($"""
            SELECT {Columns} FROM unit_types WHERE org_id = @orgId AND id = @id
            """, new { orgId, id }, cancellationToken: cancellationToken));
        return row?.ToUnitType();
    }

    /// <summary>A page ordered by name; <paramref name="search"/> matches any part of the name or key, ignoring case.</summary>
    public async Task<PagedResult<UnitType>> ListAsync(Guid orgId, string? search, PageRequest page,
        CancellationToken cancellationToken)
    {
        var filter = search is null
            ? "org_id = @orgId"
            : "org_id = @orgId AND (name ILIKE @pattern OR key ILIKE @pattern)";
        var parameters = new
        {
            orgId,
            pattern = search is null ? null : LikePatterns.Containing(search),
            limit = page.PageSize,
            offset = page.Offset,
        };

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition($"""
            SELECT count(*) FROM unit_types WHERE {filter};
            SELECT {Columns} FROM unit_types WHERE {filter} ORDER BY lower(name), id LIMIT @limit OFFSET @offset;
            """, parameters, cancellationToken: cancellationToken));
        var totalCount = await results.ReadSingleAsync<long>();
        var rows = await results.ReadAsync<UnitTypeRow>();
        return new PagedResult<UnitType>(rows.Select(row => row.ToUnitType()).ToList(), page.Page, page.PageSize,
            totalCount);
    }

    private Task AnnounceAsync(NpgsqlTransaction transaction, UnitType unitType, bool deleted, DateTimeOffset changedAt,
        CancellationToken cancellationToken) =>
        outbox.EnqueueAsync(transaction, new UnitTypeChanged(unitType.OrgId, unitType.Id, unitType.Definition.Key,
            deleted, changedAt), cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Unit type {UnitTypeId} ({Key}) saved in organization {OrgId}")]
    private partial void LogUnitTypeSaved(Guid unitTypeId, string key, Guid orgId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Unit type {UnitTypeId} ({Key}) deleted in organization {OrgId}")]
    private partial void LogUnitTypeDeleted(Guid unitTypeId, string key, Guid orgId);

    /// <summary>The row's columns are the values as the audit log shows them, with its keys and time.</summary>
    private static DynamicParameters Parameters(Guid orgId, Guid id, UnitTypeDefinition definition,
        DateTimeOffset now)
    {
        var parameters = new DynamicParameters(AuditValues(definition));
        parameters.AddDynamicParams(new { orgId, id, now });
        return parameters;
    }

    /// <summary>The audit log shows the values as the API spells them.</summary>
    private static object AuditValues(UnitTypeDefinition definition) => new
    {
        definition.Key,
        definition.Name,
        definition.Description,
        definition.AutoProvision,
        definition.BasePrice,
        definition.OveragePrice,
        definition.Currency,
        Aggregation = definition.Aggregation.ToApiName(),
        definition.FilterPattern,
        definition.CommitUnits,
        definition.Precision,
    };

    /// <summary>Npgsql reads timestamptz as a UTC <see cref="DateTime"/>; the domain speaks DateTimeOffset.</summary>
    private sealed record UnitTypeRow(Guid OrgId, Guid Id, string Key, string Name, string? Description,
        bool AutoProvision, decimal BasePrice, decimal OveragePrice, string Currency, string Aggregation,
        string? FilterPattern, decimal CommitUnits, short Precision, DateTime CreatedAt, DateTime UpdatedAt)
    {
        public UnitType ToUnitType() => new(OrgId, Id,
            new UnitTypeDefinition(Key, Name, Description, AutoProvision, BasePrice, OveragePrice, Currency,
                AggregationNames.Parse(Aggregation), FilterPattern, CommitUnits, Precision),
            new DateTimeOffset(CreatedAt, TimeSpan.Zero), new DateTimeOffset(UpdatedAt, TimeSpan.Zero));
    }
}

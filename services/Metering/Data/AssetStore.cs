using BillingOne.BuildingBlocks.Auditing;
using BillingOne.BuildingBlocks.Data;
using BillingOne.BuildingBlocks.Messaging;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.Metering.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Metering.Data;

/// <summary>
/// Reads and changes the assets of one organization at a time, as one caller sees them: a client-scoped caller
/// only ever finds its own client's assets. Every change writes its audit entry in the transaction of the change.
/// </summary>
public sealed partial class AssetStore(
    NpgsqlDataSource dataSource, IAuditTrail audit, IOutbox outbox, TimeProvider timeProvider,
    ILogger<AssetStore> logger)
{
    /// <summary>A client-scoped caller sees only its own client's assets (null scope: every asset).</summary>
    private const string InScope = "(@clientScope::uuid IS NULL OR a.client_id = @clientScope)";

    /// <summary>
    /// Whether a bucket binding of the asset covers the unit type of <c>aut</c> (an <c>asset_unit_types</c> row):
    /// the asset is bound to a bucket of a unit type with that key.
    /// </summary>
    private const string UnitTypeBound = """
        EXISTS (SELECT 1 FROM bucket_assets ba
                JOIN buckets b ON b.org_id = ba.org_id AND b.id = ba.bucket_id
                JOIN unit_types ut ON ut.org_id = b.org_id AND ut.id = b.unit_type_id
                WHERE ba.org_id = aut.org_id AND ba.asset_id = aut.asset_id AND ut.key = aut.unit_type_key)
        """;

    private const string UnitTypesOfAsset = "asset_unit_types aut WHERE aut.org_id = a.org_id AND aut.asset_id = a.id";

    private const string SelectAssets = $"""
        SELECT a.id AS Id, a.source AS Source, a.external_id AS ExternalId, a.name AS Name,
               a.description AS Description, a.client_id AS ClientId, c.name AS ClientName,
               a.assigned_by AS AssignedBy, a.acknowledged_at AS AcknowledgedAt, a.enabled AS Enabled,
               a.disregarded_at AS DisregardedAt, a.first_seen_at AS FirstSeenAt, a.last_seen_at AS LastSeenAt,
               a.created_at AS CreatedAt,
               ARRAY(SELECT aut.unit_type_key FROM {UnitTypesOfAsset} ORDER BY 1) AS UnitTypeKeys,
               ARRAY(SELECT aut.unit_type_key FROM {UnitTypesOfAsset} AND NOT {UnitTypeBound} ORDER BY 1)
                   AS UnboundUnitTypeKeys
        FROM assets a
        LEFT JOIN clients c ON c.org_id = a.org_id AND c.client_id = a.client_id
        """;

    public async Task<Asset?> FindAsync(Guid orgId, Guid? clientScope, Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await FindAsync(connection, null, orgId, clientScope, id, cancellationToken);
    }

    public async Task<PagedResult<Asset>> ListAsync(Guid orgId, Guid? clientScope, AssetQuery query,
        CancellationToken cancellationToken)
    {
        var conditions = new List<string> { "a.org_id = @orgId", InScope };
        conditions.Add(query.View == AssetView.Disregarded ? "a.disregarded_at IS NOT NULL" : "a.disregarded_at IS NULL");
        switch (query.View)
        {
            case AssetView.Unassigned:
                conditions.Add("a.client_id IS NULL");
                break;
            case AssetView.New:
                conditions.Add("a.acknowledged_at IS NULL");
                break;
            case AssetView.Unbound:
                conditions.Add($"EXISTS (SELECT 1 FROM {UnitTypesOfAsset} AND NOT {UnitTypeBound})");
                break;
        }
        if (query.Search is not null)
        {
            conditions.Add("(a.external_id ILIKE @pattern OR a.name ILIKE @pattern OR a.source ILIKE @pattern " +
                "OR a.description ILIKE @pattern)");
        }
        if (query.ClientId is not null)
        {
            conditions.Add("a.client_id = @clientId");
        }
        if (query.Source is not null)
        {
            conditions.Add("a.source = @source");
        }
        if (query.Enabled is not null)
        {
            conditions.Add("a.enabled = @enabled");
        }
        var filter = string.Join(" AND ", conditions);

        var direction = query.Direction.ToSql();
        // Sort columns come from a closed set, never from the request text; the id last keeps pages stable.
        var orderBy = query.Sort switch
        {
            AssetSortField.FirstSeen => $"a.first_seen_at {direction}, a.id {direction}",
            AssetSortField.Created => $"a.created_at {direction}, a.id {direction}",
            AssetSortField.ExternalId => $"a.external_id {direction}, a.source {direction}, a.id",
            AssetSortField.Source => $"a.source {direction}, a.external_id {direction}, a.id",
            // Unassigned assets come last either way: a client list is read for its clients.
            AssetSortField.Client => $"lower(c.name) {direction} NULLS LAST, a.external_id, a.id",
            _ => $"a.last_seen_at {direction}, a.id {direction}",
        };
        var parameters = new
        {
            orgId,
            clientScope,
            pattern = query.Search is null ? null : LikePatterns.Containing(query.Search),
            clientId = query.ClientId,
            source = query.Source,
            enabled = query.Enabled,
            limit = query.Page.PageSize,
            offset = query.Page.Offset,
        };

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition($"""
            SELECT count(*) FROM assets a WHERE {filter};
            {SelectAssets} WHERE {filter} ORDER BY {orderBy} LIMIT @limit OFFSET @offset;
            """, parameters, cancellationToken: cancellationToken));
        return await ReadPageAsync(results, query.Page);
    }

    /// <summary>
    /// A page of the assets bound to the bucket, most recently seen first; null when there is no such bucket in the
    /// caller's scope. The bucket's scope decides: a binding stays when its asset is reassigned.
    /// </summary>
    public async Task<PagedResult<Asset>?> ListBoundAsync(Guid orgId, Guid? clientScope, Guid bucketId,
        PageRequest page, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition($"""
            SELECT EXISTS (SELECT 1 FROM buckets
                           WHERE org_id = @orgId AND id = @bucketId
                             AND (@clientScope::uuid IS NULL OR client_id = @clientScope));
            SELECT count(*) FROM bucket_assets WHERE org_id = @orgId AND bucket_id = @bucketId;
            {SelectAssets}
            JOIN bucket_assets ba ON ba.org_id = a.org_id AND ba.asset_id = a.id
            WHERE a.org_id = @orgId AND ba.bucket_id = @bucketId
            ORDER BY a.last_seen_at DESC, a.id DESC
            LIMIT @limit OFFSET @offset;
            """, new { orgId, clientScope, bucketId, limit = page.PageSize, offset = page.Offset },
            cancellationToken: cancellationToken));
        return await results.ReadSingleAsync<bool>() ? await ReadPageAsync(results, page) : null;
    }

    /// <summary>
    /// Applies <paramref name="change"/> under the asset's row lock, so concurrent changes of one asset are applied
    /// (and audited) one after the other. A change already in effect writes nothing and audits nothing. Returns the
    /// asset as it is after the change, or null when the caller cannot see it.
    /// </summary>
    public async Task<Asset?> ChangeAsync(Guid orgId, Guid? clientScope, Guid id, AssetChange change,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = await connection.QuerySingleOrDefaultAsync<AssetStateRow>(new CommandDefinition($"""
            SELECT {AssetStateRow.Columns} FROM assets a WHERE a.org_id = @orgId AND a.id = @id AND {InScope}
            FOR UPDATE
            """, new { orgId, id, clientScope }, transaction, cancellationToken: cancellationToken));
        if (current is null)
        {
            return null;
        }

        var before = current.ToState();
        // Whole microseconds, as timestamptz stores them, so the audit entry shows the values the row holds.
        var now = timeProvider.GetUtcNow();
        now = now.AddTicks(-(now.Ticks % (TimeSpan.TicksPerMillisecond / 1000)));
        var after = change.Apply(before, now);
        var changed = after != before;
        if (changed)
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE assets
                SET name = @Name, client_id = @ClientId, assigned_by = @AssignedBy, acknowledged_at = @AcknowledgedAt,
                    enabled = @Enabled, disregarded_at = @DisregardedAt, updated_at = @now
                WHERE org_id = @orgId AND id = @id
                """, new
            {
                orgId, id, after.Name, after.ClientId, after.AssignedBy,
                AcknowledgedAt = after.AcknowledgedAt?.ToUniversalTime(), after.Enabled,
                DisregardedAt = after.DisregardedAt?.ToUniversalTime(), now,
            }, transaction, cancellationToken: cancellationToken));
            await audit.RecordAsync(transaction, change.Action, AssetStateRow.AuditTable, id.ToString(), before, after,
                cancellationToken);
            // Whether (and for whom) the asset counts changes the usage of the buckets it feeds.
            await UsageObservationStore.MarkAsync(transaction,
                "SELECT org_id, bucket_id FROM bucket_assets WHERE org_id = @orgId AND asset_id = @id",
                new { orgId, id }, now, cancellationToken);
            if (after.ClientId != before.ClientId)
            {
                await outbox.EnqueueAsync(transaction, current.ClientChanged(orgId, after.ClientId, now),
                    cancellationToken);
            }
        }
        // Read without the scope: the change may have taken the asset out of it (a person unassigning it).
        var asset = await FindAsync(connection, transaction, orgId, null, id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (changed)
        {
            LogAssetChanged(id, change.Action, orgId);
        }
        return asset;
    }

    /// <summary>
    /// Acknowledges the given assets that the caller can see and that are not acknowledged yet, auditing each.
    /// Returns how many it acknowledged; unknown ids are skipped.
    /// </summary>
    public async Task<int> AcknowledgeAsync(Guid orgId, Guid? clientScope, IReadOnlyCollection<Guid> ids,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        var acknowledged = (await connection.QueryAsync<AssetStateRow>(new CommandDefinition($"""
            UPDATE assets a SET acknowledged_at = @now, updated_at = @now
            WHERE a.org_id = @orgId AND a.id = ANY(@ids) AND a.acknowledged_at IS NULL AND {InScope}
            RETURNING {AssetStateRow.Columns}
            """, new { orgId, clientScope, ids = ids.ToArray(), now }, transaction,
            cancellationToken: cancellationToken))).ToList();
        foreach (var asset in acknowledged)
        {
            var state = asset.ToState();
            await audit.RecordAsync(transaction, AssetChange.Acknowledge.Action, AssetStateRow.AuditTable,
                asset.Id.ToString(), state with { AcknowledgedAt = null }, state, cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        LogAssetsAcknowledged(acknowledged.Count, orgId);
        return acknowledged.Count;
    }

    /// <summary>
    /// The asset's readings per unit type and UTC day in [<paramref name="from"/>, <paramref name="to"/>], with each
    /// unit type's aggregation and precision (sum and its default precision for keys no unit type has). Only unit types
    /// with readings in the window appear.
    /// </summary>
    public async Task<IReadOnlyList<UsageSeries>> UsageAsync(Guid orgId, Guid assetId, DateOnly from, DateOnly to,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var days = await connection.QueryAsync<DailyUsageRow>(new CommandDefinition("""
            SELECT r.unit_type_key AS UnitTypeKey, COALESCE(ut.aggregation, 'sum') AS Aggregation,
                   ut.precision AS Precision, date_trunc('day', r.observed_at AT TIME ZONE 'UTC') AS Day, sum(r.quantity) AS Sum,
                   max(r.quantity) AS Max, count(*)::int AS Count,
                   (array_agg(r.quantity ORDER BY r.observed_at DESC, r.quantity DESC))[1] AS Last
            FROM raw_readings r
            LEFT JOIN unit_types ut ON ut.org_id = r.org_id AND ut.key = r.unit_type_key
            WHERE r.org_id = @orgId AND r.asset_id = @assetId AND r.observed_at >= @start AND r.observed_at < @end
            GROUP BY 1, 2, 3, 4
            """, new
        {
            orgId,
            assetId,
            start = StartOfUtcDay(from),
            end = StartOfUtcDay(to.AddDays(1)),
        }, cancellationToken: cancellationToken));
        return days
            .GroupBy(day => (day.UnitTypeKey, Aggregation: AggregationNames.Parse(day.Aggregation), day.Precision))
            .Select(unitType => UsageSeries.Build(unitType.Key.UnitTypeKey, unitType.Key.Aggregation,
                unitType.Key.Precision ?? UnitTypeRules.DefaultPrecision(unitType.Key.Aggregation), from, to,
                unitType.Select(day => day.ToDailyReadings()).ToList()))
            .OrderBy(series => series.UnitTypeKey, StringComparer.Ordinal)
            .ToList();
    }

    private static async Task<Asset?> FindAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction,
        Guid orgId, Guid? clientScope, Guid id, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<AssetRow>(new CommandDefinition($"""
            {SelectAssets} WHERE a.org_id = @orgId AND a.id = @id AND {InScope}
            """, new { orgId, id, clientScope }, transaction, cancellationToken: cancellationToken));
        return row?.ToAsset();
    }

    /// <summary>Reads a total count, then the page's asset rows.</summary>
    private static async Task<PagedResult<Asset>> ReadPageAsync(SqlMapper.GridReader results, PageRequest page)
    {
        var totalCount = await results.ReadSingleAsync<long>();
        var rows = await results.ReadAsync<AssetRow>();
        return new PagedResult<Asset>(rows.Select(row => row.ToAsset()).ToList(), page.Page, page.PageSize,
            totalCount);
    }

    private static DateTimeOffset StartOfUtcDay(DateOnly day) =>
        new(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));

    [LoggerMessage(Level = LogLevel.Information, Message = "Asset {AssetId}: {Action} in organization {OrgId}")]
    private partial void LogAssetChanged(Guid assetId, string action, Guid orgId);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} assets acknowledged in organization {OrgId}")]
    private partial void LogAssetsAcknowledged(int count, Guid orgId);

    /// <summary>
    /// Settable members rather than a constructor: Npgsql reports ARRAY(...) columns as <see cref="Array"/>, which
    /// Dapper's constructor matching does not take for <c>string[]</c>.
    /// </summary>
    private sealed class AssetRow
    {
        public Guid Id { get; init; }
        public string Source { get; init; } = "";
        public string ExternalId { get; init; } = "";
        public string? Name { get; init; }
        public string? Description { get; init; }
        public Guid? ClientId { get; init; }
        public string? ClientName { get; init; }
        public string? AssignedBy { get; init; }
        public DateTime? AcknowledgedAt { get; init; }
        public bool Enabled { get; init; }
        public DateTime? DisregardedAt { get; init; }
        public DateTime FirstSeenAt { get; init; }
        public DateTime LastSeenAt { get; init; }
        public DateTime CreatedAt { get; init; }
        public string[] UnitTypeKeys { get; init; } = [];
        public string[] UnboundUnitTypeKeys { get; init; } = [];

        public Asset ToAsset() => new(Id, Source, ExternalId, Description, ClientName,
            new AssetState(Name, ClientId, AssignedBy, AssetStateRow.Utc(AcknowledgedAt), Enabled,
                AssetStateRow.Utc(DisregardedAt)),
            Utc(FirstSeenAt), Utc(LastSeenAt), Utc(CreatedAt), UnitTypeKeys, UnboundUnitTypeKeys);

        private static DateTimeOffset Utc(DateTime instant) => new(instant, TimeSpan.Zero);
    }

    private sealed record DailyUsageRow(string UnitTypeKey, string Aggregation, short? Precision, DateTime Day,
        decimal Sum, decimal Max, int Count, decimal Last)
    {
        public DailyReadings ToDailyReadings() => new(DateOnly.FromDateTime(Day), Sum, Max, Count, Last);
    }
}

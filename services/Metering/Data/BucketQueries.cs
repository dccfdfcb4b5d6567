using BillingOne.BuildingBlocks.Data;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.Metering.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Metering.Data;

/// <summary>
/// A bucket as lists show it: names of its client and unit type, how many assets are bound, and its usage so far in
/// the open period (<see cref="PeriodStart"/>, <see cref="PeriodEnd"/>: the calendar month of the client's time zone).
/// <see cref="UnitTypePrecision"/> is the unit type's, which the bucket's quantities are shown with.
/// </summary>
public sealed record BucketView(Bucket Bucket, string? ClientName, string UnitTypeKey, string UnitTypeName,
    int UnitTypePrecision, long BoundAssets, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, decimal Usage);

/// <summary>
/// Reads buckets with their usage. Usage is aggregated in the database, set-based for a whole page: each bound,
/// enabled, not disregarded asset's readings of the bucket's unit type in the period are aggregated with the bucket's
/// aggregation, then added up per bucket (docs/domain.md, <see cref="BucketUsageSql"/>).
/// </summary>
public sealed class BucketQueries(NpgsqlDataSource dataSource)
{
    // Per listed bucket: its bound assets, and its usage (BucketUsageSql.UsageOfPeriod).
    private const string UsageJoins = $"""
        CROSS JOIN LATERAL (
            SELECT count(*) AS bound_assets FROM bucket_assets ba WHERE ba.org_id = l.org_id AND ba.bucket_id = l.id
        ) n
        {BucketUsageSql.UsageOfPeriod}
        """;

    /// <summary>
    /// A page of the organization's buckets (only <paramref name="clientScope"/>'s when set) with their usage at
    /// <paramref name="now"/>.
    /// </summary>
    public async Task<PagedResult<BucketView>> ListAsync(Guid orgId, Guid? clientScope, BucketListQuery query,
        DateTimeOffset now, CancellationToken cancellationToken) =>
        await QueryAsync(orgId, clientScope, null, null, query, zoneId => ClientPeriods.OpenAt(now, zoneId), null,
            cancellationToken);

    public async Task<BucketView?> FindAsync(Guid orgId, Guid? clientScope, Guid id, DateTimeOffset now,
        CancellationToken cancellationToken) =>
        (await QueryAsync(orgId, clientScope, id, null, BucketListQuery.Single,
            zoneId => ClientPeriods.OpenAt(now, zoneId), null, cancellationToken)).Items.SingleOrDefault();

    /// <summary>
    /// How long a billing run's usage statement may take: it reads a whole month of the organization's readings (about
    /// 10 s for 10 million on two cores), where the connection's default of 30 s is meant for pages.
    /// </summary>
    private static readonly TimeSpan MonthUsageTimeout = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The enabled buckets of <paramref name="clientIds"/> with their usage over the calendar month
    /// (<paramref name="year"/>, <paramref name="month"/>) of their client's time zone: what a billing run prices. The
    /// same statement as the live usage, only with the month's periods instead of the open ones, so a closed period
    /// bills what the list showed.
    /// </summary>
    public async Task<IReadOnlyList<BucketView>> UsageForMonthAsync(Guid orgId, int year, int month,
        IReadOnlyCollection<Guid> clientIds, CancellationToken cancellationToken)
    {
        var all = new BucketListQuery(null, null, null, null, null, true, BucketSortField.Client,
            SortDirection.Ascending, new PageRequest(1, int.MaxValue));
        return (await QueryAsync(orgId, null, null, clientIds, all,
            zoneId => ClientPeriods.ForMonth(year, month, zoneId), MonthUsageTimeout, cancellationToken)).Items;
    }

    /// <summary>The clients with enabled buckets and how many each has: what a billing run works through.</summary>
    public async Task<IReadOnlyList<(Guid ClientId, int Buckets)>> EnabledBucketsPerClientAsync(Guid orgId,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(Guid, long)>(new CommandDefinition("""
            SELECT client_id, count(*) FROM buckets WHERE org_id = @orgId AND enabled
            GROUP BY client_id ORDER BY client_id
            """, new { orgId }, cancellationToken: cancellationToken));
        return rows.Select(row => (row.Item1, (int)row.Item2)).ToList();
    }

    /// <summary>
    /// How many buckets each of <paramref name="clientIds"/> has, enabled or not; a client the caller's scope hides or
    /// without buckets has 0.
    /// </summary>
    public async Task<IReadOnlyList<(Guid ClientId, int Buckets)>> BucketsPerClientAsync(Guid orgId, Guid? clientScope,
        IReadOnlyList<Guid> clientIds, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var counted = (await connection.QueryAsync<(Guid, long)>(new CommandDefinition("""
            SELECT client_id, count(*) FROM buckets
            WHERE org_id = @orgId AND client_id = ANY(@clientIds) AND (@clientScope::uuid IS NULL OR client_id = @clientScope)
            GROUP BY client_id
            """, new { orgId, clientIds = clientIds.ToArray(), clientScope }, cancellationToken: cancellationToken)))
            .ToDictionary(row => row.Item1, row => (int)row.Item2);
        return [.. clientIds.Select(clientId => (clientId, counted.GetValueOrDefault(clientId)))];
    }

    /// <summary>
    /// The month (<paramref name="year"/>, <paramref name="month"/>) in every time zone the organization's clients
    /// bill in, including the default zone of clients metering does not know.
    /// </summary>
    public async Task<IReadOnlyCollection<BillingPeriod>> PeriodsForMonthAsync(Guid orgId, int year, int month,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await PeriodsAsync(connection, orgId, zoneId => ClientPeriods.ForMonth(year, month, zoneId),
            cancellationToken)).Values;
    }

    private async Task<PagedResult<BucketView>> QueryAsync(Guid orgId, Guid? clientScope, Guid? id,
        IReadOnlyCollection<Guid>? clientIds, BucketListQuery query, Func<string?, BillingPeriod> periodOf,
        TimeSpan? timeout, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var periods = await PeriodsAsync(connection, orgId, periodOf, cancellationToken);

        var filter = Filter(clientScope, id, clientIds is not null, query);
        var sortsByUsage = query.Sort == BucketSortField.Usage;
        var paging = "LIMIT @limit OFFSET @offset";
        var parameters = new
        {
            orgId,
            clientScope,
            id,
            clientIds = clientIds?.ToArray(),
            pattern = query.Search is null ? null : LikePatterns.Containing(query.Search),
            query.ClientId,
            query.UnitTypeId,
            query.SourceType,
            query.Reviewed,
            query.Enabled,
            zoneIds = periods.Keys.ToArray(),
            periodStarts = periods.Values.Select(period => period.Start.UtcDateTime).ToArray(),
            periodEnds = periods.Values.Select(period => period.End.UtcDateTime).ToArray(),
            limit = query.Page.PageSize,
            offset = query.Page.Offset,
        };
        // Sorting by usage needs the usage of every matching bucket; any other order pages first and aggregates
        // only the page's readings.
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition($"""
            SELECT count(*) FROM buckets b
            JOIN unit_types ut ON ut.org_id = b.org_id AND ut.id = b.unit_type_id
            LEFT JOIN clients c ON c.org_id = b.org_id AND c.client_id = b.client_id
            WHERE {filter};

            WITH periods AS (
                SELECT * FROM unnest(@zoneIds, @periodStarts, @periodEnds) AS p(zone_id, period_start, period_end)
            ),
            listed AS (
                SELECT b.*, c.name AS client_name, ut.key AS unit_type_key, ut.name AS unit_type_name,
                       ut.precision AS unit_type_precision, p.period_start, p.period_end
                FROM buckets b
                JOIN unit_types ut ON ut.org_id = b.org_id AND ut.id = b.unit_type_id
                LEFT JOIN clients c ON c.org_id = b.org_id AND c.client_id = b.client_id
                JOIN periods p ON p.zone_id = coalesce(c.time_zone, '')
                WHERE {filter}
                {(sortsByUsage ? "" : $"ORDER BY {OrderBy(query, "b.", "c.name", "0")} {paging}")}
            )
            SELECT {BucketSql.Columns("l")}, l.client_name AS ClientName, l.unit_type_key AS UnitTypeKey,
                   l.unit_type_name AS UnitTypeName, l.unit_type_precision AS UnitTypePrecision,
                   n.bound_assets AS BoundAssets,
                   l.period_start AS PeriodStart, l.period_end AS PeriodEnd, coalesce(u.usage, 0) AS Usage
            FROM listed l
            {UsageJoins}
            ORDER BY {OrderBy(query, "l.", "l.client_name", "coalesce(u.usage, 0)")}
            {(sortsByUsage ? paging : "")}
            """, parameters, commandTimeout: (int?)timeout?.TotalSeconds, cancellationToken: cancellationToken));
        var totalCount = await results.ReadSingleAsync<long>();
        var rows = await results.ReadAsync<BucketViewRow>();
        return new PagedResult<BucketView>(rows.Select(row => row.ToView()).ToList(), query.Page.Page,
            query.Page.PageSize, totalCount);
    }

    /// <summary>
    /// The period (open, or of a given month) of every time zone the organization's clients are in, keyed by zone id;
    /// the empty key is for buckets whose client metering does not know (yet), which bill in the organization default.
    /// </summary>
    private static async Task<Dictionary<string, BillingPeriod>> PeriodsAsync(NpgsqlConnection connection,
        Guid orgId, Func<string?, BillingPeriod> periodOf, CancellationToken cancellationToken)
    {
        var zoneIds = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT DISTINCT time_zone FROM clients WHERE org_id = @orgId", new { orgId },
            cancellationToken: cancellationToken));
        var periods = zoneIds.ToDictionary(zoneId => zoneId, zoneId => periodOf(zoneId));
        periods[""] = periodOf(null);
        return periods;
    }

    private static string Filter(Guid? clientScope, Guid? id, bool byClients, BucketListQuery query)
    {
        var conditions = new List<string> { "b.org_id = @orgId" };
        if (byClients)
        {
            conditions.Add("b.client_id = ANY(@clientIds)");
        }
        if (clientScope is not null)
        {
            conditions.Add("b.client_id = @clientScope");
        }
        if (id is not null)
        {
            conditions.Add("b.id = @id");
        }
        if (query.Search is not null)
        {
            conditions.Add("(b.name ILIKE @pattern OR c.name ILIKE @pattern OR ut.name ILIKE @pattern " +
                "OR ut.key ILIKE @pattern OR b.source_type ILIKE @pattern)");
        }
        if (query.ClientId is not null)
        {
            conditions.Add("b.client_id = @ClientId");
        }
        if (query.UnitTypeId is not null)
        {
            conditions.Add("b.unit_type_id = @UnitTypeId");
        }
        if (query.SourceType is not null)
        {
            conditions.Add("lower(b.source_type) = lower(@SourceType)");
        }
        if (query.Reviewed is not null)
        {
            conditions.Add("b.reviewed = @Reviewed");
        }
        if (query.Enabled is not null)
        {
            conditions.Add("b.enabled = @Enabled");
        }
        return string.Join(" AND ", conditions);
    }

    /// <summary>The list order; ties fall back to the name and then the id, so pages never overlap.</summary>
    private static string OrderBy(BucketListQuery query, string bucket, string clientName, string usage)
    {
        var direction = query.Direction.ToSql();
        var byName = $"lower({bucket}name) {direction}, {bucket}id {direction}";
        return query.Sort switch
        {
            BucketSortField.Client => $"lower({clientName}) {direction} NULLS LAST, {byName}",
            BucketSortField.Created => $"{bucket}created_at {direction}, {bucket}id {direction}",
            BucketSortField.Usage => $"{usage} {direction}, {byName}",
            _ => byName,
        };
    }

    private sealed record BucketViewRow(Guid OrgId, Guid Id, Guid ClientId, string Name, string? SourceType,
        Guid UnitTypeId, string Aggregation, decimal CommitUnits, decimal BasePrice, decimal OveragePrice,
        string Currency, bool Reviewed, bool Enabled, bool AutoProvisioned, DateTime CreatedAt, DateTime UpdatedAt,
        string? ClientName, string UnitTypeKey, string UnitTypeName, short UnitTypePrecision, long BoundAssets,
        DateTime PeriodStart, DateTime PeriodEnd, decimal Usage)
    {
        public BucketView ToView() => new(
            new BucketRow(OrgId, Id, ClientId, Name, SourceType, UnitTypeId, Aggregation, CommitUnits, BasePrice,
                OveragePrice, Currency, Reviewed, Enabled, AutoProvisioned, CreatedAt, UpdatedAt).ToBucket(),
            ClientName, UnitTypeKey, UnitTypeName, UnitTypePrecision, BoundAssets,
            new DateTimeOffset(PeriodStart, TimeSpan.Zero),
            new DateTimeOffset(PeriodEnd, TimeSpan.Zero), Usage);
    }
}

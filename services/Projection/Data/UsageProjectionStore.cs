using BillingOne.BuildingBlocks.Data;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.Projection.Domain;
using BillingOne.Projection.Projections;
using Dapper;
using Npgsql;

namespace BillingOne.Projection.Data;

/// <summary>Totals of the projections a query selects, per currency.</summary>
public sealed record UsageProjectionTotals(string Currency, long Buckets, long OverCommit, decimal ProjectedCost,
    DateTime CalculatedAt);

/// <summary>
/// Reads the projections of the buckets' current periods (written by <see cref="UsageProjectionCalculator"/>): enabled
/// buckets whose latest observed period is not finalized, of the caller's client when it has a client scope.
/// </summary>
public sealed class UsageProjectionStore(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        client_id AS ClientId, client_name AS ClientName, bucket_id AS BucketId, bucket_name AS BucketName,
        unit_type_key AS UnitTypeKey, aggregation AS Aggregation, currency AS Currency, commit_units AS CommitUnits,
        usage AS CurrentUsage, projected_usage AS ProjectedUsage, projected_cost AS ProjectedCost,
        percent_of_commit AS PercentOfCommit, status AS Status, method AS Method, year AS Year, month AS Month,
        calculated_at AS CalculatedAt, enabled AS Enabled, base_price AS BasePrice, overage_price AS OveragePrice
        """;

    public async Task<PagedResult<UsageProjectionRow>> ListAsync(Guid orgId, Guid? clientScope, UsageProjectionQuery query,
        CancellationToken cancellationToken)
    {
        var (filter, parameters) = Filter(orgId, clientScope, query);
        var direction = query.Direction.ToSql();
        // Sort columns come from a closed set, never from the request text. Ties fall back to the client's and the
        // bucket's names, then the id, so pages are stable.
        var orderBy = query.Sort switch
        {
            UsageProjectionSortField.Client => $"lower(client_name) {direction} NULLS LAST, lower(bucket_name), bucket_id",
            UsageProjectionSortField.Bucket => $"lower(bucket_name) {direction}, lower(client_name), bucket_id",
            UsageProjectionSortField.PercentOfCommit =>
                $"percent_of_commit {direction} NULLS LAST, lower(client_name), lower(bucket_name), bucket_id",
            _ => $"projected_cost {direction}, lower(client_name), lower(bucket_name), bucket_id",
        };
        parameters.Add("limit", query.Page?.PageSize);
        parameters.Add("offset", query.Page?.Offset ?? 0);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition($"""
            SELECT count(*) FROM ({UsageProjectionCalculator.LatestPeriods}) latest WHERE {filter};
            SELECT {Columns} FROM ({UsageProjectionCalculator.LatestPeriods}) latest WHERE {filter}
            ORDER BY {orderBy} LIMIT @limit OFFSET @offset;
            """, parameters, cancellationToken: cancellationToken));
        var totalCount = await results.ReadSingleAsync<long>();
        var rows = (await results.ReadAsync<Row>()).Select(row => row.ToProjection()).ToList();
        return new PagedResult<UsageProjectionRow>(rows, query.Page?.Page ?? 1,
            query.Page?.PageSize ?? (int)Math.Max(totalCount, 1), totalCount);
    }

    /// <summary>Count, over-commit count, Σ projected cost and the latest calculation, per currency.</summary>
    public async Task<IReadOnlyList<UsageProjectionTotals>> TotalsAsync(Guid orgId, Guid? clientScope,
        UsageProjectionQuery query, CancellationToken cancellationToken)
    {
        var (filter, parameters) = Filter(orgId, clientScope, query);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<UsageProjectionTotals>(new CommandDefinition($"""
            SELECT currency AS Currency, count(*) AS Buckets, count(*) FILTER (WHERE status = 'over-commit') AS OverCommit,
                   sum(projected_cost) AS ProjectedCost, max(calculated_at) AS CalculatedAt
            FROM ({UsageProjectionCalculator.LatestPeriods}) latest
            WHERE {filter}
            GROUP BY currency
            """, parameters, cancellationToken: cancellationToken))];
    }

    private static (string Filter, DynamicParameters Parameters) Filter(Guid orgId, Guid? clientScope,
        UsageProjectionQuery query)
    {
        var conditions = new List<string>
        {
            "NOT final", "enabled", "calculated_at IS NOT NULL",
            "(@clientScope::uuid IS NULL OR client_id = @clientScope)",
        };
        if (query.Search is not null)
        {
            conditions.Add("(client_name ILIKE @pattern OR bucket_name ILIKE @pattern)");
        }
        if (query.ClientId is not null)
        {
            conditions.Add("client_id = @clientId");
        }
        if (query.Status is not null)
        {
            conditions.Add("status = @status");
        }
        var parameters = new DynamicParameters(new
        {
            orgId,
            clientScope,
            pattern = query.Search is null ? null : LikePatterns.Containing(query.Search),
            clientId = query.ClientId,
            status = query.Status,
        });
        return (string.Join(" AND ", conditions), parameters);
    }

    private sealed record Row(Guid ClientId, string? ClientName, Guid BucketId, string BucketName, string UnitTypeKey,
        string Aggregation, string Currency, decimal CommitUnits, decimal CurrentUsage, decimal ProjectedUsage,
        decimal ProjectedCost, decimal? PercentOfCommit, string Status, string Method, int Year, int Month,
        DateTime CalculatedAt, bool Enabled, decimal BasePrice, decimal OveragePrice)
    {
        public UsageProjectionRow ToProjection() => new(ClientId, ClientName, BucketId, BucketName, UnitTypeKey,
            Aggregation, Currency, CommitUnits, CurrentUsage, ProjectedUsage, ProjectedCost, PercentOfCommit, Status,
            Method, Year, Month, UtcInstants.From(CalculatedAt), Enabled, BasePrice, OveragePrice);
    }
}

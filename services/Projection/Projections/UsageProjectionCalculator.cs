using BillingOne.BuildingBlocks.Data;
using BillingOne.Projection.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Projection.Projections;

/// <summary>
/// Computes the projections of an organization's current periods, set-based: the rows are read in one query, projected
/// with the method the organization's backtest chose for their aggregation, and written back in one statement. A row
/// whose observation was replaced meanwhile (a newer version) is left for the newer one's own calculation.
/// </summary>
public sealed class UsageProjectionCalculator(IConfiguration configuration, TimeProvider clock)
{
    public const string BacktestDaysSetting = "Projection:Backtest:Days";

    /// <summary>
    /// Each bucket's latest observed period, the current one unless it is finalized. Needs <c>@orgId</c>.
    /// </summary>
    public const string LatestPeriods = """
        SELECT DISTINCT ON (bucket_id) *
        FROM bucket_usage_observations
        WHERE org_id = @orgId
        ORDER BY bucket_id, year DESC, month DESC
        """;

    public int BacktestDays => Math.Max(1, configuration.GetValue(BacktestDaysSetting, UsageBacktest.DefaultDays));

    /// <summary>The organization's finalized periods, for the backtest (one client's with a client scope).</summary>
    public static async Task<IReadOnlyList<FinalPeriodUsage>> FinalPeriodsAsync(NpgsqlConnection connection,
        NpgsqlTransaction? transaction, Guid orgId, Guid? clientScope, CancellationToken cancellationToken) =>
        [.. (await connection.QueryAsync<FinalRow>(new CommandDefinition("""
            SELECT aggregation AS Aggregation, year AS Year, month AS Month, daily_usage AS DailyUsage, usage AS Usage
            FROM bucket_usage_observations
            WHERE org_id = @orgId AND final AND (@clientScope::uuid IS NULL OR client_id = @clientScope)
            """, new { orgId, clientScope }, transaction, cancellationToken: cancellationToken)))
            .Select(row => new FinalPeriodUsage(row.Aggregation, row.Year, row.Month, row.DailyUsage, row.Usage))];

    /// <summary>
    /// Backtests the organization's finalized periods and keeps the method chosen per aggregation (an aggregation
    /// without finalized periods is projected linearly).
    /// </summary>
    public async Task ChooseMethodsAsync(NpgsqlTransaction transaction, Guid orgId, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var scores = UsageBacktest.Run(
            await FinalPeriodsAsync(connection, transaction, orgId, null, cancellationToken), BacktestDays);
        await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM usage_projection_methods WHERE org_id = @orgId AND NOT (aggregation = ANY (@aggregations));
            INSERT INTO usage_projection_methods (org_id, aggregation, method, calculated_at)
            SELECT @orgId, chosen.aggregation, chosen.method, @now
            FROM unnest(@aggregations, @methods) AS chosen(aggregation, method)
            ON CONFLICT (org_id, aggregation) DO UPDATE
            SET method = excluded.method, calculated_at = excluded.calculated_at;
            """, new
        {
            orgId,
            aggregations = scores.Select(score => score.Aggregation).ToArray(),
            methods = scores.Select(score => score.ChosenMethod).ToArray(),
            now = clock.GetUtcNow(),
        }, transaction, cancellationToken: cancellationToken));
    }

    /// <summary>Projects the organization's current periods (only <paramref name="bucketId"/>'s when given); how many.</summary>
    public async Task<int> ProjectAsync(NpgsqlTransaction transaction, Guid orgId, Guid? bucketId,
        CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var methods = (await connection.QueryAsync<(string Aggregation, string Method)>(new CommandDefinition(
                "SELECT aggregation, method FROM usage_projection_methods WHERE org_id = @orgId",
                new { orgId }, transaction, cancellationToken: cancellationToken)))
            .ToDictionary(chosen => chosen.Aggregation, chosen => chosen.Method, StringComparer.Ordinal);
        var current = (await connection.QueryAsync<CurrentRow>(new CommandDefinition($"""
            SELECT bucket_id AS BucketId, year AS Year, month AS Month, version AS Version, aggregation AS Aggregation,
                   commit_units AS CommitUnits, base_price AS BasePrice, overage_price AS OveragePrice,
                   currency AS Currency, period_start AS PeriodStart, period_end AS PeriodEnd,
                   observed_at AS ObservedAt, usage AS Usage, daily_usage AS DailyUsage
            FROM ({LatestPeriods}) latest
            WHERE NOT final AND (@bucketId::uuid IS NULL OR bucket_id = @bucketId)
            """, new { orgId, bucketId }, transaction, cancellationToken: cancellationToken))).ToList();
        if (current.Count == 0)
        {
            return 0;
        }

        var projections = current.Select(row => BucketProjection.Calculate(
            methods.GetValueOrDefault(row.Aggregation, UsageProjectionMethods.Linear),
            new UsageSoFar(row.Aggregation, row.Year, row.Month, row.Usage, row.DailyUsage,
                UsageSoFar.Elapsed(UtcInstants.From(row.PeriodStart), UtcInstants.From(row.PeriodEnd),
                    UtcInstants.From(row.ObservedAt))),
            new BucketTerms(row.CommitUnits, row.BasePrice, row.OveragePrice, row.Currency))).ToList();
        return await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE bucket_usage_observations observed
            SET projected_usage = projected.usage, projected_cost = projected.cost,
                percent_of_commit = projected.percent, status = projected.status, method = projected.method,
                calculated_at = @now
            FROM unnest(@bucketIds, @years, @months, @versions, @usages, @costs, @percents, @statuses, @methods)
                AS projected(bucket_id, year, month, version, usage, cost, percent, status, method)
            WHERE observed.org_id = @orgId AND observed.bucket_id = projected.bucket_id
              AND observed.year = projected.year AND observed.month = projected.month
              AND observed.version = projected.version
            """, new
        {
            orgId,
            now = clock.GetUtcNow(),
            bucketIds = current.Select(row => row.BucketId).ToArray(),
            years = current.Select(row => row.Year).ToArray(),
            months = current.Select(row => row.Month).ToArray(),
            versions = current.Select(row => row.Version).ToArray(),
            usages = projections.Select(projection => projection.ProjectedUsage).ToArray(),
            costs = projections.Select(projection => projection.Cost.Cost).ToArray(),
            percents = projections.Select(projection => projection.Cost.PercentOfCommit).ToArray(),
            statuses = projections.Select(projection => projection.Cost.Status).ToArray(),
            methods = projections.Select(projection => projection.Method).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
    }

    /// <summary>Chooses the methods again and projects every current period of the organization.</summary>
    public async Task<int> RecalculateAsync(NpgsqlTransaction transaction, Guid orgId, CancellationToken cancellationToken)
    {
        await ChooseMethodsAsync(transaction, orgId, cancellationToken);
        return await ProjectAsync(transaction, orgId, null, cancellationToken);
    }

    // Classes with properties, not positional records: Dapper binds a numeric[] column to a property, never to a
    // constructor parameter (the column's type is System.Array).
    private sealed class FinalRow
    {
        public string Aggregation { get; init; } = "";

        public int Year { get; init; }

        public int Month { get; init; }

        public decimal[] DailyUsage { get; init; } = [];

        public decimal Usage { get; init; }
    }

    private sealed class CurrentRow
    {
        public Guid BucketId { get; init; }

        public int Year { get; init; }

        public int Month { get; init; }

        public long Version { get; init; }

        public string Aggregation { get; init; } = "";

        public decimal CommitUnits { get; init; }

        public decimal BasePrice { get; init; }

        public decimal OveragePrice { get; init; }

        public string Currency { get; init; } = "";

        public DateTime PeriodStart { get; init; }

        public DateTime PeriodEnd { get; init; }

        public DateTime ObservedAt { get; init; }

        public decimal Usage { get; init; }

        public decimal[] DailyUsage { get; init; } = [];
    }
}

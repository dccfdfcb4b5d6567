using BillingOne.BuildingBlocks.Data;
using BillingOne.Projection.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Projection.Projections;

/// <summary>What a recalculation did: current periods projected, finalized periods whose backtest errors it computed.</summary>
public sealed record UsageRecalculation(int Projected, int BacktestPeriodsComputed);

/// <summary>
/// Computes the projections of an organization's current periods, set-based: the rows are read in one query, projected
/// with the method the organization's backtest chose for their aggregation, and written back in one statement. A row
/// whose observation was replaced meanwhile (a newer version) is left for the newer one's own calculation. The backtest
/// is the sum of the stored per-period errors (<see cref="UsageBacktestErrors"/>), never a replay of every period.
/// </summary>
public sealed class UsageProjectionCalculator(UsageBacktestErrors backtestErrors, TimeProvider clock)
{
    /// <summary>
    /// Each bucket's latest observed period, the current one unless it is finalized. Needs <c>@orgId</c>. Read from the
    /// index of the latest rows (the applier keeps the flag), not by sorting every period of every bucket.
    /// </summary>
    public const string LatestPeriods = """
        SELECT * FROM bucket_usage_observations WHERE org_id = @orgId AND latest
        """;

    /// <summary>
    /// Scores the stored backtest (only <paramref name="aggregation"/>'s when given) and keeps the method chosen per
    /// aggregation (an aggregation without finalized periods is projected with its default: linear for a sum, the level
    /// for a level). The aggregations whose method changed, whose current periods need projecting again.
    /// </summary>
    public async Task<IReadOnlyList<string>> ChooseMethodsAsync(NpgsqlTransaction transaction, Guid orgId,
        string? aggregation, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var scores = await backtestErrors.ScoresAsync(connection, transaction, orgId, null, aggregation, cancellationToken);
        var before = (await connection.QueryAsync<(string Aggregation, string Method)>(new CommandDefinition("""
                SELECT aggregation, method FROM usage_projection_methods
                WHERE org_id = @orgId AND (@aggregation::text IS NULL OR aggregation = @aggregation)
                """, new { orgId, aggregation }, transaction, cancellationToken: cancellationToken)))
            .ToDictionary(chosen => chosen.Aggregation, chosen => chosen.Method, StringComparer.Ordinal);
        await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM usage_projection_methods
            WHERE org_id = @orgId AND (@aggregation::text IS NULL OR aggregation = @aggregation)
              AND NOT (aggregation = ANY (@aggregations));
            INSERT INTO usage_projection_methods (org_id, aggregation, method, calculated_at)
            SELECT @orgId, chosen.aggregation, chosen.method, @now
            FROM unnest(@aggregations, @methods) AS chosen(aggregation, method)
            ON CONFLICT (org_id, aggregation) DO UPDATE
            SET method = excluded.method, calculated_at = excluded.calculated_at;
            """, new
        {
            orgId,
            aggregation,
            aggregations = scores.Select(score => score.Aggregation).ToArray(),
            methods = scores.Select(score => score.ChosenMethod).ToArray(),
            now = clock.GetUtcNow(),
        }, transaction, cancellationToken: cancellationToken));
        return [.. before.Keys.Union(scores.Select(score => score.Aggregation), StringComparer.Ordinal)
            .Where(changed => before.GetValueOrDefault(changed, UsageProjectionMethods.Default(changed))
                != UsageBacktest.ChosenMethod(scores, changed))];
    }

    /// <summary>
    /// Projects the organization's current periods (only <paramref name="bucketId"/>'s, or only those of
    /// <paramref name="aggregations"/>, when given); how many.
    /// </summary>
    public async Task<int> ProjectAsync(NpgsqlTransaction transaction, Guid orgId, Guid? bucketId,
        IReadOnlyCollection<string>? aggregations, CancellationToken cancellationToken)
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
              AND (@aggregations::text[] IS NULL OR aggregation = ANY (@aggregations))
            """, new { orgId, bucketId, aggregations = aggregations?.ToArray() }, transaction, cancellationToken: cancellationToken))).ToList();
        if (current.Count == 0)
        {
            return 0;
        }

        var projections = current.Select(row => BucketProjection.Calculate(
            methods.GetValueOrDefault(row.Aggregation, UsageProjectionMethods.Default(row.Aggregation)),
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

    /// <summary>
    /// Computes the backtest errors of finalized periods that have none with the current days, chooses the methods
    /// again and projects every current period of the organization.
    /// </summary>
    public async Task<UsageRecalculation> RecalculateAsync(NpgsqlTransaction transaction, Guid orgId,
        CancellationToken cancellationToken)
    {
        var computed = await backtestErrors.RefreshAsync(transaction, orgId, cancellationToken);
        await ChooseMethodsAsync(transaction, orgId, null, cancellationToken);
        return new UsageRecalculation(await ProjectAsync(transaction, orgId, null, null, cancellationToken), computed);
    }

    // Classes with properties, not positional records: Dapper binds a numeric[] column to a property, never to a
    // constructor parameter (the column's type is System.Array).
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

using BillingOne.Contracts.Events;
using BillingOne.Projection.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Projection.Projections;

/// <summary>
/// The stored backtest (<c>usage_backtest_errors</c>): each finalized bucket period's errors, written when its final
/// observation is applied, and the scores as sums over them. Periods finalized before the table existed, or computed
/// with other <c>Projection:Backtest:Days</c>, are computed again by <see cref="RefreshAsync"/> (the recalculation pass).
/// </summary>
public sealed class UsageBacktestErrors(IConfiguration configuration)
{
    public const string DaysSetting = "Projection:Backtest:Days";

    private const string Replacing = """
        ON CONFLICT (org_id, bucket_id, year, month) DO UPDATE
        SET client_id = excluded.client_id, aggregation = excluded.aggregation, days = excluded.days,
            linear_error = excluded.linear_error, day_of_week_error = excluded.day_of_week_error,
            level_error = excluded.level_error, zero_actual = excluded.zero_actual
        """;

    /// <summary>How many first days of a finalized period the backtest projects from.</summary>
    public int Days => Math.Max(1, configuration.GetValue(DaysSetting, UsageBacktest.DefaultDays));

    /// <summary>
    /// After an observation was stored (not an older version, not of a removed bucket): a final one's errors replace
    /// the period's, a current one's period has none.
    /// </summary>
    public Task ReplaceAsync(NpgsqlTransaction transaction, BucketUsageObserved observed, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        if (!observed.Final)
        {
            return connection.ExecuteAsync(new CommandDefinition("""
                DELETE FROM usage_backtest_errors
                WHERE org_id = @OrgId AND bucket_id = @BucketId AND year = @Year AND month = @Month
                """, new { observed.OrgId, observed.BucketId, observed.Year, observed.Month }, transaction,
                cancellationToken: cancellationToken));
        }
        var days = Days;
        var errors = UsageBacktest.PeriodErrors(new FinalPeriodUsage(observed.Aggregation, observed.Year, observed.Month,
            observed.DailyUsage, observed.Usage), days);
        return connection.ExecuteAsync(new CommandDefinition($"""
            INSERT INTO usage_backtest_errors (org_id, bucket_id, year, month, client_id, aggregation, days, linear_error,
                day_of_week_error, level_error, zero_actual)
            VALUES (@OrgId, @BucketId, @Year, @Month, @ClientId, @Aggregation, @days, @linear, @dayOfWeek, @level,
                @zeroActual)
            {Replacing}
            """, new
        {
            observed.OrgId, observed.BucketId, observed.Year, observed.Month, observed.ClientId, observed.Aggregation, days,
            linear = errors.LinearError, dayOfWeek = errors.DayOfWeekError, level = errors.LevelError,
            zeroActual = errors.ZeroActual,
        }, transaction, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Computes the errors of the organization's finalized periods that have none with the current days, in one read
    /// and one write (none, once every period is stored). How many.
    /// </summary>
    public async Task<int> RefreshAsync(NpgsqlTransaction transaction, Guid orgId, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var days = Days;
        var stale = (await connection.QueryAsync<FinalRow>(new CommandDefinition("""
            SELECT observed.bucket_id AS BucketId, observed.year AS Year, observed.month AS Month,
                   observed.client_id AS ClientId, observed.aggregation AS Aggregation,
                   observed.daily_usage AS DailyUsage, observed.usage AS Usage
            FROM bucket_usage_observations observed
            LEFT JOIN usage_backtest_errors stored
              ON stored.org_id = observed.org_id AND stored.bucket_id = observed.bucket_id
             AND stored.year = observed.year AND stored.month = observed.month
            WHERE observed.org_id = @orgId AND observed.final AND (stored.days IS NULL OR stored.days <> @days)
            """, new { orgId, days }, transaction, cancellationToken: cancellationToken))).ToList();
        if (stale.Count == 0)
        {
            return 0;
        }
        var errors = stale.Select(row => UsageBacktest.PeriodErrors(
            new FinalPeriodUsage(row.Aggregation, row.Year, row.Month, row.DailyUsage, row.Usage), days)).ToList();
        return await connection.ExecuteAsync(new CommandDefinition($"""
            INSERT INTO usage_backtest_errors (org_id, bucket_id, year, month, client_id, aggregation, days, linear_error,
                day_of_week_error, level_error, zero_actual)
            SELECT @orgId, computed.bucket_id, computed.year, computed.month, computed.client_id, computed.aggregation,
                   @days, computed.linear_error, computed.day_of_week_error, computed.level_error, computed.zero_actual
            FROM unnest(@bucketIds, @years, @months, @clientIds, @aggregations, @linearErrors, @dayOfWeekErrors,
                        @levelErrors, @zeroActuals)
                AS computed(bucket_id, year, month, client_id, aggregation, linear_error, day_of_week_error, level_error,
                            zero_actual)
            {Replacing}
            """, new
        {
            orgId,
            days,
            bucketIds = stale.Select(row => row.BucketId).ToArray(),
            years = stale.Select(row => row.Year).ToArray(),
            months = stale.Select(row => row.Month).ToArray(),
            clientIds = stale.Select(row => row.ClientId).ToArray(),
            aggregations = stale.Select(row => row.Aggregation).ToArray(),
            linearErrors = errors.Select(error => error.LinearError).ToArray(),
            dayOfWeekErrors = errors.Select(error => error.DayOfWeekError).ToArray(),
            levelErrors = errors.Select(error => error.LevelError).ToArray(),
            zeroActuals = errors.Select(error => error.ZeroActual).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// The backtest of the organization's stored errors with the current days, per aggregation (only
    /// <paramref name="aggregation"/>'s when given; one client's with a client scope): one aggregate query.
    /// </summary>
    public async Task<IReadOnlyList<BacktestScore>> ScoresAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction,
        Guid orgId, Guid? clientScope, string? aggregation, CancellationToken cancellationToken) =>
        UsageBacktest.Scores((await connection.QueryAsync<TotalsRow>(new CommandDefinition("""
            SELECT aggregation AS Aggregation,
                   count(*) FILTER (WHERE linear_error IS NOT NULL OR level_error IS NOT NULL)::integer AS PeriodsScored,
                   count(*) FILTER (WHERE zero_actual)::integer AS PeriodsWithZeroActual,
                   coalesce(sum(linear_error), 0) AS LinearErrors,
                   coalesce(sum(day_of_week_error), 0) AS DayOfWeekErrors,
                   coalesce(sum(level_error), 0) AS LevelErrors
            FROM usage_backtest_errors
            WHERE org_id = @orgId AND days = @days AND (@clientScope::uuid IS NULL OR client_id = @clientScope)
              AND (@aggregation::text IS NULL OR aggregation = @aggregation)
            GROUP BY aggregation
            """, new { orgId, days = Days, clientScope, aggregation }, transaction, cancellationToken: cancellationToken)))
            .Select(row => new BacktestTotals(row.Aggregation, row.PeriodsScored, row.PeriodsWithZeroActual,
                row.LinearErrors, row.DayOfWeekErrors, row.LevelErrors)));

    // Classes with properties, not positional records: Dapper binds a numeric[] column to a property, never to a
    // constructor parameter (the column's type is System.Array).
    private sealed class FinalRow
    {
        public Guid BucketId { get; init; }

        public int Year { get; init; }

        public int Month { get; init; }

        public Guid ClientId { get; init; }

        public string Aggregation { get; init; } = "";

        public decimal[] DailyUsage { get; init; } = [];

        public decimal Usage { get; init; }
    }

    private sealed class TotalsRow
    {
        public string Aggregation { get; init; } = "";

        public int PeriodsScored { get; init; }

        public int PeriodsWithZeroActual { get; init; }

        public decimal LinearErrors { get; init; }

        public decimal DayOfWeekErrors { get; init; }

        public decimal LevelErrors { get; init; }
    }
}

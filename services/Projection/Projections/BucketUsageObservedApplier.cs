using BillingOne.Contracts.Events;
using BillingOne.Projection.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Projection.Projections;

/// <summary>
/// A bucket's usage in a period, newest version per bucket and period kept; a removed bucket's observations are not
/// stored again. A stored final observation brings its period's backtest errors (<see cref="UsageBacktestErrors"/>).
/// Its projection is computed after the apply (<see cref="UsageProjectionCalculator"/>).
/// </summary>
public sealed class BucketUsageObservedApplier(UsageBacktestErrors backtestErrors) : EventApplier<BucketUsageObserved>
{
    public override Guid OrgIdOf(BucketUsageObserved message) => message.OrgId;

    public override async Task ApplyAsync(NpgsqlTransaction transaction, BucketUsageObserved observed,
        CancellationToken cancellationToken)
    {
        var stored = await transaction.Connection!.ExecuteAsync(new CommandDefinition("""
            INSERT INTO bucket_usage_observations (org_id, bucket_id, year, month, version, client_id, client_name,
                bucket_name, unit_type_key, aggregation, enabled, commit_units, base_price, overage_price, currency,
                period_start, period_end, observed_at, usage, daily_usage, final, source_type)
            SELECT @OrgId, @BucketId, @Year, @Month, @Version, @ClientId, @ClientName, @BucketName, @UnitTypeKey,
                @Aggregation, @Enabled, @CommitUnits, @BasePrice, @OveragePrice, @Currency, @PeriodStart, @PeriodEnd,
                @ObservedAt, @Usage, @dailyUsage, @Final, @SourceType
            WHERE NOT EXISTS (SELECT 1 FROM removed_buckets WHERE org_id = @OrgId AND bucket_id = @BucketId)
            ON CONFLICT (org_id, bucket_id, year, month) DO UPDATE
            SET version = excluded.version, client_id = excluded.client_id, client_name = excluded.client_name,
                bucket_name = excluded.bucket_name, unit_type_key = excluded.unit_type_key,
                aggregation = excluded.aggregation, enabled = excluded.enabled, commit_units = excluded.commit_units,
                base_price = excluded.base_price, overage_price = excluded.overage_price, currency = excluded.currency,
                period_start = excluded.period_start, period_end = excluded.period_end,
                observed_at = excluded.observed_at, usage = excluded.usage, daily_usage = excluded.daily_usage,
                final = excluded.final, source_type = excluded.source_type, projected_usage = NULL,
                projected_cost = NULL, percent_of_commit = NULL, status = NULL, method = NULL, calculated_at = NULL
            WHERE bucket_usage_observations.version < excluded.version
            """, new
        {
            observed.OrgId, observed.BucketId, observed.Year, observed.Month, observed.Version, observed.ClientId,
            observed.ClientName, observed.BucketName, observed.UnitTypeKey, observed.Aggregation, observed.Enabled,
            observed.CommitUnits, observed.BasePrice, observed.OveragePrice, observed.Currency,
            // Instants may come with the client's offset; timestamptz takes them in UTC.
            PeriodStart = observed.PeriodStart.ToUniversalTime(), PeriodEnd = observed.PeriodEnd.ToUniversalTime(),
            ObservedAt = observed.ObservedAt.ToUniversalTime(), observed.Usage, dailyUsage = observed.DailyUsage.ToArray(),
            observed.Final, observed.SourceType,
        }, transaction, cancellationToken: cancellationToken));
        if (stored > 0)
        {
            await MarkLatestAsync(transaction, observed, cancellationToken);
            await backtestErrors.ReplaceAsync(transaction, observed, cancellationToken);
        }
    }

    /// <summary>
    /// The stored period is its bucket's latest unless a later one was stored before it (out of order); earlier ones no
    /// longer are (<see cref="UsageProjectionCalculator.LatestPeriods"/>).
    /// </summary>
    private static Task MarkLatestAsync(NpgsqlTransaction transaction, BucketUsageObserved observed,
        CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition("""
            UPDATE bucket_usage_observations SET latest = false
            WHERE org_id = @OrgId AND bucket_id = @BucketId AND (year, month) < (@Year, @Month) AND latest;
            UPDATE bucket_usage_observations observed
            SET latest = NOT EXISTS (
                SELECT 1 FROM bucket_usage_observations later
                WHERE later.org_id = observed.org_id AND later.bucket_id = observed.bucket_id
                  AND (later.year, later.month) > (observed.year, observed.month))
            WHERE org_id = @OrgId AND bucket_id = @BucketId AND year = @Year AND month = @Month;
            """, new { observed.OrgId, observed.BucketId, observed.Year, observed.Month }, transaction,
            cancellationToken: cancellationToken));
}

using BillingOne.BuildingBlocks.Data;
using BillingOne.Projection.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Projection.Data;

/// <summary>A bucket projected over its commit this period that ended last period at or under it.</summary>
public sealed record NewOverageRow(Guid ClientId, string? ClientName, Guid BucketId, string BucketName,
    decimal CommitUnits, decimal ProjectedUsage, decimal? PercentOfCommit, decimal LastPeriodUsage, decimal ProjectedCost,
    string Currency);

/// <summary>A client's projected cost this period.</summary>
public sealed record TopClientRow(Guid ClientId, string? ClientName, decimal Projected);

/// <summary>Last period's revenue of the buckets of a source type (<see cref="UsageDashboardFigures.AnySource"/>: every source).</summary>
public sealed record SourceTypeRevenueRow(string SourceType, decimal Revenue);

/// <summary>The usage dashboard's figures as read, before <see cref="UsageDashboardFigures"/> derives the rest.</summary>
/// <param name="Period">The latest month with projections; null without any.</param>
/// <param name="LastPeriod">The month before <paramref name="Period"/>, else the latest finalized month.</param>
/// <param name="ProjectedRevenue">Σ projected cost of this period in <paramref name="Currency"/>; null without projections.</param>
/// <param name="LastPeriodRevenue">Σ final cost of last period in <paramref name="Currency"/>; null without final observations of it.</param>
/// <param name="ClientsBilledLastPeriod">Clients with a final bucket last period in <paramref name="Currency"/>.</param>
public sealed record UsageDashboardData(
    BillingMonth? Period,
    BillingMonth? LastPeriod,
    string? Currency,
    decimal? ProjectedRevenue,
    decimal? LastPeriodRevenue,
    IReadOnlyList<NewOverageRow> NewOverages,
    IReadOnlyList<TopClientRow> TopClients,
    ClientStatusCounts? LastPeriodStatus,
    IReadOnlyList<SourceTypeRevenueRow> RevenueBySourceType,
    int ClientsBilledLastPeriod,
    DateTimeOffset? LastProjectionAt);

/// <summary>
/// The usage dashboard's figures: this period's projections (the non-final observations of the latest month with any)
/// and last period's final lines (<see cref="FinalBucketLines"/>), of enabled buckets the caller may see. Money is in the
/// main currency of the buckets of both periods. Each part is one grouped query over one or two months of buckets.
/// </summary>
public sealed class UsageDashboardStore(NpgsqlDataSource dataSource)
{
    /// <summary>The dashboard lists the ten most projected clients and the ten highest new overages.</summary>
    public const int ListLimit = 10;

    private const string ThisPeriod =
        "NOT o.final AND o.calculated_at IS NOT NULL AND o.year = @year AND o.month = @month";

    private const string InLastPeriod = "o.year = @lastYear AND o.month = @lastMonth";

    public async Task<UsageDashboardData> GetAsync(Guid orgId, Guid? clientScope, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var parameters = new DynamicParameters(new { orgId, clientScope, months = 1 });
        BillingMonth? period = null;
        BillingMonth? latestFinal = null;
        await using (var months = await connection.QueryMultipleAsync(new CommandDefinition($"""
            SELECT o.year AS Year, o.month AS Month FROM bucket_usage_observations o
            WHERE NOT o.final AND o.calculated_at IS NOT NULL AND {FinalBucketLines.Visible}
            ORDER BY o.year DESC, o.month DESC LIMIT 1;
            {FinalBucketLines.FinalMonths};
            """, parameters, cancellationToken: cancellationToken)))
        {
            period = (await months.ReadSingleOrDefaultAsync<MonthRow>())?.ToBillingMonth();
            latestFinal = (await months.ReadSingleOrDefaultAsync<MonthRow>())?.ToBillingMonth();
        }
        var lastPeriod = period?.Previous ?? latestFinal;
        if (lastPeriod is not { } last)
        {
            return new UsageDashboardData(null, null, null, null, null, [], [], null, [], 0, null);
        }

        parameters.AddDynamicParams(new
        {
            year = period?.Year ?? 0,
            month = period?.Month ?? 0,
            lastYear = last.Year,
            lastMonth = last.Month,
        });
        var currencies = await connection.QueryAsync<(string, long)>(new CommandDefinition($"""
            SELECT o.currency, count(*) FROM bucket_usage_observations o
            WHERE {FinalBucketLines.Visible} AND (({ThisPeriod}) OR (o.final AND {InLastPeriod}))
            GROUP BY o.currency
            """, parameters, cancellationToken: cancellationToken));
        var currency = MainCurrency.Of(currencies);
        parameters.AddCurrencies(currency is null ? [] : [currency]);
        parameters.Add("currency", currency);
        parameters.Add("limit", ListLimit);

        await using var results = await connection.QueryMultipleAsync(new CommandDefinition($"""
            SELECT coalesce(sum(o.projected_cost) FILTER (WHERE o.currency = @currency), 0) AS Revenue,
                   max(o.calculated_at) AS CalculatedAt
            FROM bucket_usage_observations o WHERE {FinalBucketLines.Visible} AND {ThisPeriod};

            SELECT o.client_id AS ClientId, o.client_name AS ClientName, o.bucket_id AS BucketId,
                   o.bucket_name AS BucketName, o.commit_units AS CommitUnits, o.projected_usage AS ProjectedUsage,
                   o.percent_of_commit AS PercentOfCommit, previous.usage AS LastPeriodUsage,
                   o.projected_cost AS ProjectedCost, o.currency AS Currency
            FROM bucket_usage_observations o
            JOIN bucket_usage_observations previous
              ON previous.org_id = o.org_id AND previous.bucket_id = o.bucket_id
             AND previous.year = @lastYear AND previous.month = @lastMonth AND previous.final AND previous.enabled
            WHERE {FinalBucketLines.Visible} AND {ThisPeriod} AND o.status = '{CommitStatuses.OverCommit}'
              AND previous.usage <= previous.commit_units
            ORDER BY o.percent_of_commit DESC NULLS LAST, lower(o.client_name) NULLS LAST, lower(o.bucket_name), o.bucket_id
            LIMIT @limit;

            SELECT o.client_id AS ClientId, max(o.client_name) AS ClientName, sum(o.projected_cost) AS Projected
            FROM bucket_usage_observations o
            WHERE {FinalBucketLines.Visible} AND {ThisPeriod} AND o.currency = @currency
            GROUP BY o.client_id
            ORDER BY sum(o.projected_cost) DESC, lower(max(o.client_name)) NULLS LAST, o.client_id
            LIMIT @limit;

            WITH clients AS (
                SELECT client_id, {FinalBucketLines.ClientStatus} AS status
                FROM bucket_usage_observations o WHERE o.final AND {FinalBucketLines.Visible} AND {InLastPeriod}
                GROUP BY client_id)
            SELECT count(*)::int AS Clients,
                   count(*) FILTER (WHERE status = '{ClientCommitStatuses.OverCommit}')::int AS OverCommit,
                   count(*) FILTER (WHERE status = '{ClientCommitStatuses.UnderCommit}')::int AS UnderCommit,
                   count(*) FILTER (WHERE status = '{ClientCommitStatuses.Mixed}')::int AS Mixed,
                   count(*) FILTER (WHERE status = '{ClientCommitStatuses.OnCommit}')::int AS OnCommit
            FROM clients;

            WITH lines AS ({FinalBucketLines.Of(InLastPeriod)})
            SELECT coalesce(lower(source_type), '{UsageDashboardFigures.AnySource}') AS SourceType,
                   sum(base_line + overage) AS Revenue
            FROM lines GROUP BY 1;

            WITH lines AS ({FinalBucketLines.Of(InLastPeriod)})
            SELECT count(DISTINCT client_id)::int FROM lines;
            """, parameters, cancellationToken: cancellationToken));
        var thisPeriod = await results.ReadSingleAsync<(decimal Revenue, DateTime? CalculatedAt)>();
        var newOverages = (await results.ReadAsync<NewOverageRow>()).ToList();
        var topClients = (await results.ReadAsync<TopClientRow>()).ToList();
        var statuses = await results.ReadSingleAsync<ClientStatusCounts>();
        var bySourceType = (await results.ReadAsync<SourceTypeRevenueRow>()).ToList();
        var clientsBilled = await results.ReadSingleAsync<int>();
        var hasLastPeriod = statuses.Clients > 0;
        return new UsageDashboardData(period, last, currency, period is null ? null : thisPeriod.Revenue,
            hasLastPeriod ? bySourceType.Sum(source => source.Revenue) : null, newOverages, topClients,
            hasLastPeriod ? statuses : null, bySourceType, clientsBilled,
            UtcInstants.From(thisPeriod.CalculatedAt));
    }

    private sealed record MonthRow(int Year, int Month)
    {
        public BillingMonth ToBillingMonth() => new(Year, Month);
    }
}

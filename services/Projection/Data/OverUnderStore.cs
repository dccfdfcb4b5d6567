using BillingOne.BuildingBlocks.Data;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.Projection.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Projection.Data;

/// <summary>Money of a period's buckets in one currency: sums of their rounded lines.</summary>
public sealed record OverUnderCurrencyTotals(string Currency, long Buckets, decimal FinalCost, decimal Committed,
    decimal Overage, decimal Buffer);

/// <summary>How many clients of a period have each status (<see cref="ClientCommitStatuses"/>).</summary>
public sealed record ClientStatusCounts(int Clients, int OverCommit, int UnderCommit, int Mixed, int OnCommit);

/// <summary>A period's Over/Under figures: the clients by status and the money per currency.</summary>
public sealed record OverUnderTotals(ClientStatusCounts Clients, IReadOnlyList<OverUnderCurrencyTotals> Currencies);

/// <summary>A client's buckets of one currency in a period; the status is the client's over all its buckets.</summary>
public class OverUnderClientRow
{
    public Guid ClientId { get; init; }

    public string? ClientName { get; init; }

    public string[] UnitTypes { get; init; } = [];

    public string Status { get; init; } = "";

    public string Currency { get; init; } = "";

    public decimal FinalCost { get; init; }

    public decimal Committed { get; init; }

    public decimal Overage { get; init; }

    public decimal Buffer { get; init; }
}

/// <summary>A period's overage and buffer in the trend's currency.</summary>
public sealed record OverUnderTrendRow(int Year, int Month, decimal Overage, decimal Buffer);

/// <summary>A client with capacity it paid for and did not use, in the period's main currency.</summary>
public sealed class RightSizeCandidateRow
{
    public Guid ClientId { get; init; }

    public string? ClientName { get; init; }

    public string[] UnitTypes { get; init; } = [];

    public decimal Committed { get; init; }

    public decimal Buffer { get; init; }

    public decimal BufferUnits { get; init; }
}

/// <summary>The candidates and the period's total buffer (the unit type filter applied), in <see cref="Currency"/>.</summary>
public sealed record RightSize(string? Currency, decimal TotalBuffer, IReadOnlyList<RightSizeCandidateRow> Candidates);

/// <summary>A unit type's buckets in a period, in the period's main currency.</summary>
public sealed record UnitTypeOverUnderRow(string UnitTypeKey, long Buckets, decimal DeltaUnits, decimal Overage,
    decimal Buffer);

/// <summary>
/// The Over/Under screen's figures from the finalized observations with the adjustments booked on their periods
/// (<see cref="FinalBucketLines"/>), one period at a time: PostgreSQL groups and pages them, so a page reads one month
/// of an organization's buckets, not its history. Figures that add money across clients are in the period's main
/// currency (<see cref="MainCurrency"/>).
/// </summary>
public sealed class OverUnderStore(NpgsqlDataSource dataSource)
{
    private const string InPeriod = "o.year = @year AND o.month = @month";

    /// <summary>The finalized periods the caller may see, newest first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<BillingMonth>> PeriodsAsync(Guid orgId, Guid? clientScope, int limit,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. (await connection.QueryAsync<(int Year, int Month)>(new CommandDefinition(FinalBucketLines.FinalMonths,
            new { orgId, clientScope, months = limit }, cancellationToken: cancellationToken)))
            .Select(month => new BillingMonth(month.Year, month.Month))];
    }

    public async Task<OverUnderTotals> TotalsAsync(Guid orgId, Guid? clientScope, BillingMonth period,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var parameters = Parameters(orgId, clientScope, period)
            .AddCurrencies(await FinalBucketLines.OrganizationCurrenciesAsync(connection, orgId, cancellationToken));
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition($"""
            WITH lines AS ({FinalBucketLines.Of(InPeriod)}),
            clients AS (SELECT client_id, {FinalBucketLines.ClientStatus} AS status FROM lines GROUP BY client_id)
            SELECT count(*)::int AS Clients,
                   count(*) FILTER (WHERE status = '{ClientCommitStatuses.OverCommit}')::int AS OverCommit,
                   count(*) FILTER (WHERE status = '{ClientCommitStatuses.UnderCommit}')::int AS UnderCommit,
                   count(*) FILTER (WHERE status = '{ClientCommitStatuses.Mixed}')::int AS Mixed,
                   count(*) FILTER (WHERE status = '{ClientCommitStatuses.OnCommit}')::int AS OnCommit
            FROM clients;
            WITH lines AS ({FinalBucketLines.Of(InPeriod)})
            SELECT currency AS Currency, count(*) AS Buckets, sum(base_line + overage) AS FinalCost,
                   sum(base_line) AS Committed, sum(overage) AS Overage, sum(buffer) AS Buffer
            FROM lines GROUP BY currency;
            """, parameters, cancellationToken: cancellationToken));
        var clients = await results.ReadSingleAsync<ClientStatusCounts>();
        return new OverUnderTotals(clients, [.. await results.ReadAsync<OverUnderCurrencyTotals>()]);
    }

    /// <summary>One row per client and currency the query selects (a page of them unless it asks for all).</summary>
    public async Task<PagedResult<OverUnderClientRow>> ClientsAsync(Guid orgId, Guid? clientScope, BillingMonth period,
        OverUnderClientQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var parameters = Parameters(orgId, clientScope, period)
            .AddCurrencies(await FinalBucketLines.OrganizationCurrenciesAsync(connection, orgId, cancellationToken));
        parameters.Add("status", query.Status);
        parameters.Add("pattern", query.Search is null ? null : LikePatterns.Containing(query.Search));
        parameters.Add("limit", query.Page?.PageSize);
        parameters.Add("offset", query.Page?.Offset ?? 0);
        var direction = query.Direction.ToSql();
        // Sort columns come from a closed set, never from the request text; ties fall back to the name, the id and the
        // currency, so pages are stable.
        var orderBy = query.Sort switch
        {
            OverUnderClientSortField.FinalCost => $"final_cost {direction}, ",
            OverUnderClientSortField.VsCommit => $"overage - buffer {direction}, ",
            OverUnderClientSortField.Overage => $"overage {direction}, ",
            OverUnderClientSortField.Buffer => $"buffer {direction}, ",
            _ => "",
        } + (query.Sort == OverUnderClientSortField.Client
            ? $"lower(client_name) {direction} NULLS LAST, client_id {direction}, currency"
            : "lower(client_name) NULLS LAST, client_id, currency");
        // One statement: the lines grouped per client and currency, the client's status and name over all its
        // currencies, the count of the rows selected alongside the page.
        var rows = (await connection.QueryAsync<CountedClientRow>(new CommandDefinition($"""
            WITH lines AS ({FinalBucketLines.Of(InPeriod)}),
            clients AS (
                SELECT client_id, {FinalBucketLines.ClientStatus} AS status, max(client_name) AS client_name
                FROM lines GROUP BY client_id),
            per_currency AS (
                SELECT client_id, currency,
                       array_agg(DISTINCT unit_type_key COLLATE "C" ORDER BY unit_type_key COLLATE "C") AS unit_types,
                       sum(base_line + overage) AS final_cost, sum(base_line) AS committed, sum(overage) AS overage,
                       sum(buffer) AS buffer
                FROM lines GROUP BY client_id, currency),
            selected AS (
                SELECT p.client_id, c.client_name, p.unit_types, c.status, p.currency, p.final_cost, p.committed,
                       p.overage, p.buffer
                FROM per_currency p JOIN clients c ON c.client_id = p.client_id
                WHERE (@status::text IS NULL OR c.status = @status)
                  AND (@pattern::text IS NULL OR c.client_name ILIKE @pattern))
            SELECT client_id AS ClientId, client_name AS ClientName, unit_types AS UnitTypes, status AS Status,
                   currency AS Currency, final_cost AS FinalCost, committed AS Committed, overage AS Overage,
                   buffer AS Buffer, count(*) OVER () AS TotalCount
            FROM selected ORDER BY {orderBy} LIMIT @limit OFFSET @offset
            """, parameters, cancellationToken: cancellationToken))).ToList();
        // A page past the end has no row to carry the count.
        var totalCount = rows.Count > 0 ? rows[0].TotalCount
            : query.Page is { Page: > 1 } ? (await ClientsAsync(orgId, clientScope, period,
                query with { Page = query.Page with { Page = 1 } }, cancellationToken)).TotalCount
            : 0;
        return new PagedResult<OverUnderClientRow>([.. rows], query.Page?.Page ?? 1,
            query.Page?.PageSize ?? (int)Math.Max(totalCount, 1), totalCount);
    }

    /// <summary>
    /// Overage and buffer of each of <paramref name="months"/> (contiguous finalized months, newest first), oldest
    /// first, in the main currency of their buckets; a month without buckets in it has zeros.
    /// </summary>
    public async Task<(string? Currency, IReadOnlyList<OverUnderTrendRow> Points)> TrendAsync(Guid orgId,
        Guid? clientScope, IReadOnlyList<BillingMonth> months, CancellationToken cancellationToken)
    {
        if (months.Count == 0)
        {
            return (null, []);
        }
        const string fromOldest = "(o.year, o.month) >= (@year, @month)";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var parameters = Parameters(orgId, clientScope, months[^1])
            .AddCurrencies(await FinalBucketLines.OrganizationCurrenciesAsync(connection, orgId, cancellationToken));
        // Every currency's sums in one pass over the months; the main one's are kept.
        var sums = (await connection.QueryAsync<(int Year, int Month, string Currency, long Buckets, decimal Overage,
            decimal Buffer)>(new CommandDefinition($"""
            WITH lines AS ({FinalBucketLines.Of(fromOldest)})
            SELECT year, month, currency, count(*), sum(overage), sum(buffer)
            FROM lines GROUP BY year, month, currency
            """, parameters, cancellationToken: cancellationToken))).ToList();
        var currency = MainCurrency.Of(sums.GroupBy(sum => sum.Currency, StringComparer.Ordinal)
            .Select(inCurrency => (inCurrency.Key, inCurrency.Sum(sum => sum.Buckets))));
        var inMain = sums.Where(sum => sum.Currency == currency).ToDictionary(sum => new BillingMonth(sum.Year, sum.Month),
            sum => new OverUnderTrendRow(sum.Year, sum.Month, sum.Overage, sum.Buffer));
        return (currency, [.. months.Reverse().Select(month =>
            inMain.GetValueOrDefault(month) ?? new OverUnderTrendRow(month.Year, month.Month, 0m, 0m))]);
    }

    /// <summary>
    /// The clients whose buckets of the period (of <paramref name="unitType"/> when given) in its main currency left
    /// buffer, most buffer first (all of them without a <paramref name="limit"/>), and the period's total buffer.
    /// </summary>
    public async Task<RightSize> RightSizeAsync(Guid orgId, Guid? clientScope, BillingMonth period, string? unitType,
        int? limit, CancellationToken cancellationToken)
    {
        const string selected = $"{InPeriod} AND (@unitType::text IS NULL OR o.unit_type_key = @unitType)";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var parameters = Parameters(orgId, clientScope, period);
        parameters.Add("unitType", unitType);
        parameters.Add("limit", limit);
        var currency = MainCurrency.Of(
            await FinalBucketLines.CurrenciesAsync(connection, selected, parameters, cancellationToken));
        if (currency is null)
        {
            return new RightSize(null, 0m, []);
        }
        parameters.AddCurrencies([currency]);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition($"""
            WITH lines AS ({FinalBucketLines.Of(selected)})
            SELECT coalesce(sum(buffer), 0) FROM lines;
            WITH lines AS ({FinalBucketLines.Of(selected)})
            SELECT client_id AS ClientId, max(client_name) AS ClientName,
                   array_agg(DISTINCT unit_type_key COLLATE "C" ORDER BY unit_type_key COLLATE "C") AS UnitTypes,
                   sum(base_line) AS Committed, sum(buffer) AS Buffer, sum(buffer_units) AS BufferUnits
            FROM lines GROUP BY client_id HAVING sum(buffer) > 0
            ORDER BY sum(buffer) DESC, lower(max(client_name)) NULLS LAST, client_id
            LIMIT @limit;
            """, parameters, cancellationToken: cancellationToken));
        var total = await results.ReadSingleAsync<decimal>();
        return new RightSize(currency, total, [.. await results.ReadAsync<RightSizeCandidateRow>()]);
    }

    /// <summary>The period's buckets in its main currency per unit type, by key.</summary>
    public async Task<(string? Currency, IReadOnlyList<UnitTypeOverUnderRow> Items)> UnitTypesAsync(Guid orgId,
        Guid? clientScope, BillingMonth period, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var parameters = Parameters(orgId, clientScope, period);
        var currency = MainCurrency.Of(
            await FinalBucketLines.CurrenciesAsync(connection, InPeriod, parameters, cancellationToken));
        if (currency is null)
        {
            return (null, []);
        }
        parameters.AddCurrencies([currency]);
        return (currency, [.. await connection.QueryAsync<UnitTypeOverUnderRow>(new CommandDefinition($"""
            WITH lines AS ({FinalBucketLines.Of(InPeriod)})
            SELECT unit_type_key AS UnitTypeKey, count(*) AS Buckets, sum(delta_units) AS DeltaUnits,
                   sum(overage) AS Overage, sum(buffer) AS Buffer
            FROM lines GROUP BY unit_type_key ORDER BY unit_type_key COLLATE "C"
            """, parameters, cancellationToken: cancellationToken))]);
    }

    private sealed class CountedClientRow : OverUnderClientRow
    {
        public long TotalCount { get; init; }
    }

    private static DynamicParameters Parameters(Guid orgId, Guid? clientScope, BillingMonth period) =>
        new(new { orgId, clientScope, year = period.Year, month = period.Month });
}

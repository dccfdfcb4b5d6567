using BillingOne.Contracts.Money;
using BillingOne.Projection.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Projection.Data;

/// <summary>
/// The billing lines of enabled buckets' finalized periods as SQL, so screens over thousands of buckets add them up
/// where they are. Each line as BucketCost bills it (docs/domain.md), rounded once to its currency's minor units:
/// <c>base_line</c> = round(base), <c>overage</c> = round(max(0, usage − commit) × overage price),
/// <c>buffer_units</c> = max(0, commit − usage), <c>buffer</c> = round(buffer units × base / commit) (0 for a zero
/// commit); the cost is base line + overage. The adjustments booked on the bucket's period (late readings' corrections
/// of an earlier finalized month, which metering invoices with this one) are added to its line, so a period's figures
/// are what metering billed for it; each adjustment figure is a difference of rounded lines (<see cref="Adjustments"/>).
/// <c>usage</c> and <c>commit_units</c> stay the period's own, which a bucket's status compares; <c>delta_units</c> =
/// usage − commit + the adjustments' usage. Client-scoped callers see their client's buckets only.
/// </summary>
internal static class FinalBucketLines
{
    /// <summary>The observations a caller may count. Needs <c>@orgId</c> and <c>@clientScope</c>.</summary>
    public const string Visible = "o.org_id = @orgId AND o.enabled AND (@clientScope::uuid IS NULL OR o.client_id = @clientScope)";

    /// <summary>A client's status from its buckets' lines (an aggregate over them).</summary>
    public const string ClientStatus = $"""
        CASE WHEN bool_or(usage > commit_units) AND bool_or(usage < commit_units) THEN '{ClientCommitStatuses.Mixed}'
             WHEN bool_or(usage > commit_units) THEN '{ClientCommitStatuses.OverCommit}'
             WHEN bool_or(usage < commit_units) THEN '{ClientCommitStatuses.UnderCommit}'
             ELSE '{ClientCommitStatuses.OnCommit}' END
        """;

    /// <summary>
    /// The organization's finalized months, newest first, at most <c>@months</c>: one index probe per month rather than
    /// a pass over every observation.
    /// </summary>
    public const string FinalMonths = $"""
        WITH RECURSIVE months AS (
            (SELECT o.year, o.month FROM bucket_usage_observations o
             WHERE o.final AND {Visible} ORDER BY o.year DESC, o.month DESC LIMIT 1)
            UNION ALL
            SELECT earlier.year, earlier.month FROM months m CROSS JOIN LATERAL (
                SELECT o.year, o.month FROM bucket_usage_observations o
                WHERE o.final AND {Visible} AND (o.year, o.month) < (m.year, m.month)
                ORDER BY o.year DESC, o.month DESC LIMIT 1) earlier
        )
        SELECT year AS Year, month AS Month FROM months LIMIT @months
        """;

    /// <summary>
    /// The lines of the finalized observations <paramref name="condition"/> (over <c>o</c>) selects, in the currencies
    /// <see cref="AddCurrencies"/> named (the others are left out), each with its period's adjustments added.
    /// </summary>
    public static string Of(string condition) => $"""
        SELECT o.client_id, o.client_name, o.bucket_id, o.unit_type_key, o.source_type, o.currency, o.year, o.month,
               o.commit_units, o.usage, o.usage - o.commit_units + coalesce(a.usage, 0) AS delta_units,
               round(o.base_price, d.digits) + coalesce(a.base, 0) AS base_line,
               round(greatest(o.usage - o.commit_units, 0) * o.overage_price, d.digits) + coalesce(a.overage, 0)
                   AS overage,
               greatest(o.commit_units - o.usage, 0) + coalesce(a.buffer_units, 0) AS buffer_units,
               {BufferAt("o.usage", "o.commit_units", "o.base_price", "d.digits")} + coalesce(a.buffer, 0) AS buffer
        FROM bucket_usage_observations o
        JOIN unnest(@currencies::text[], @digits::int[]) AS d(currency, digits) ON d.currency = o.currency
        LEFT JOIN ({Adjustments}) a
            ON a.bucket_id = o.bucket_id AND a.year = o.year AND a.month = o.month AND a.currency = o.currency
        WHERE o.final AND {Visible} AND ({condition})
        """;

    /// <summary>
    /// The organization's adjustments summed per bucket, booked month and currency, in the currencies
    /// <see cref="AddCurrencies"/> named. Usage, base and overage are as metering sent them. The event leaves the buffer
    /// out, so its change is found as metering finds the others: the corrected month's buffer (the adjustment's commit,
    /// the month's final observation's base price) at the usage billed after the adjustment less that before it, the
    /// usage before being the month's reading plus the adjustments booked on earlier months. Without the corrected
    /// month's observation the buffer is taken as unchanged.
    /// </summary>
    private static readonly string Adjustments = $"""
        SELECT a.bucket_id, a.year, a.month, a.currency, sum(a.usage) AS usage, sum(a.base) AS base,
               sum(a.overage) AS overage,
               coalesce(sum(greatest(a.commit_units - a.billed_after, 0) - greatest(a.commit_units - a.billed_before, 0)),
                   0) AS buffer_units,
               coalesce(sum({BufferAt("a.billed_after", "a.commit_units", "a.base_price", "a.digits")}
                   - {BufferAt("a.billed_before", "a.commit_units", "a.base_price", "a.digits")}), 0) AS buffer
        FROM (
            SELECT a.bucket_id, a.year, a.month, a.currency, a.usage, a.base, a.overage, a.commit_units, c.base_price,
                   d.digits, c.usage + coalesce(sum(a.usage) OVER earlier, 0) AS billed_before,
                   c.usage + coalesce(sum(a.usage) OVER earlier, 0) + a.usage AS billed_after
            FROM billing_adjustments a
            JOIN unnest(@currencies::text[], @digits::int[]) AS d(currency, digits) ON d.currency = a.currency
            LEFT JOIN bucket_usage_observations c
                ON c.org_id = a.org_id AND c.bucket_id = a.bucket_id AND c.year = a.original_year
               AND c.month = a.original_month AND c.final
            WHERE a.org_id = @orgId
            WINDOW earlier AS (PARTITION BY a.bucket_id, a.original_year, a.original_month ORDER BY a.year, a.month
                               ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
        ) a
        GROUP BY a.bucket_id, a.year, a.month, a.currency
        """;

    /// <summary>
    /// The buffer $ line at a usage: round(max(0, commit − usage) × base / commit) to <paramref name="digits"/>, 0 for a
    /// zero commit.
    /// </summary>
    private static string BufferAt(string usage, string commitUnits, string basePrice, string digits) => $"""
        CASE WHEN {commitUnits} = 0 THEN 0
             ELSE round(greatest({commitUnits} - {usage}, 0) * {basePrice} / {commitUnits}, {digits}) END
        """;

    /// <summary>How many of the finalized observations <paramref name="condition"/> selects are in each currency.</summary>
    public static async Task<IReadOnlyList<(string Currency, long Buckets)>> CurrenciesAsync(NpgsqlConnection connection,
        string condition, DynamicParameters parameters, CancellationToken cancellationToken) =>
        [.. await connection.QueryAsync<(string, long)>(new CommandDefinition($"""
            SELECT o.currency, count(*) FROM bucket_usage_observations o
            WHERE o.final AND {Visible} AND ({condition})
            GROUP BY o.currency
            """, parameters, cancellationToken: cancellationToken))];

    /// <summary>
    /// Every currency the organization's observations are in (one index probe per currency, not a pass over the rows),
    /// so that <see cref="Of"/> takes the lines of all of them.
    /// </summary>
    public static async Task<IReadOnlyList<string>> OrganizationCurrenciesAsync(NpgsqlConnection connection, Guid orgId,
        CancellationToken cancellationToken) =>
        [.. await connection.QueryAsync<string>(new CommandDefinition("""
            WITH RECURSIVE currencies AS (
                (SELECT currency FROM bucket_usage_observations WHERE org_id = @orgId ORDER BY currency LIMIT 1)
                UNION ALL
                SELECT next.currency FROM currencies c CROSS JOIN LATERAL (
                    SELECT currency FROM bucket_usage_observations
                    WHERE org_id = @orgId AND currency > c.currency ORDER BY currency LIMIT 1) next
            )
            SELECT currency FROM currencies
            """, new { orgId }, cancellationToken: cancellationToken))];

    /// <summary>The currencies <see cref="Of"/> takes lines in, each with its minor units.</summary>
    public static DynamicParameters AddCurrencies(this DynamicParameters parameters, IEnumerable<string> currencies)
    {
        var codes = currencies.ToArray();
        parameters.Add("currencies", codes);
        parameters.Add("digits", codes.Select(Iso4217.MinorUnitsOrDefault).ToArray());
        return parameters;
    }
}

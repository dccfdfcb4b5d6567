using BillingOne.Contracts.Money;
using BillingOne.Projection.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Projection.Data;

/// <summary>
/// The billing lines of enabled buckets' finalized periods as SQL, so screens over thousands of buckets add them up
/// where they are. Each line as metering's BucketCost bills it (design §6), rounded once to its currency's minor units:
/// <c>base_line</c> = round(base), <c>overage</c> = round(max(0, usage − commit) × overage price),
/// <c>buffer_units</c> = max(0, commit − usage), <c>buffer</c> = round(buffer units × base / commit) (0 for a zero
/// commit); the cost is base line + overage. Client-scoped callers see their client's buckets only.
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
    /// <see cref="AddCurrencies"/> named (the others are left out).
    /// </summary>
    public static string Of(string condition) => $"""
        SELECT o.client_id, o.client_name, o.bucket_id, o.unit_type_key, o.source_type, o.currency, o.year, o.month,
               o.commit_units, o.usage,
               round(o.base_price, d.digits) AS base_line,
               round(greatest(o.usage - o.commit_units, 0) * o.overage_price, d.digits) AS overage,
               greatest(o.commit_units - o.usage, 0) AS buffer_units,
               CASE WHEN o.commit_units = 0 THEN 0
                    ELSE round(greatest(o.commit_units - o.usage, 0) * o.base_price / o.commit_units, d.digits)
               END AS buffer
        FROM bucket_usage_observations o
        JOIN unnest(@currencies::text[], @digits::int[]) AS d(currency, digits) ON d.currency = o.currency
        WHERE o.final AND {Visible} AND ({condition})
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

using BillingOne.Projection.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Projection.Data;

/// <summary>
/// The overview's figures from the read models, over the clients the caller may see. The organization's currency is
/// the one most clients' MRR is in; MRR and its trend add up the amounts in that currency only. Disabled clients are
/// not billed or reconciled: no client figure counts them (pending invoices are the invoices', whoever they are for).
/// </summary>
public sealed class DashboardStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    public const int TrendMonths = 12;

    public async Task<BillingDashboard> GetAsync(Guid orgId, Guid? clientScope, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var figures = await connection.QuerySingleAsync<Figures>(new CommandDefinition($"""
            WITH shown AS (
                SELECT * FROM client_billing_snapshots WHERE org_id = @orgId AND {ClientSnapshotStore.Shown} AND enabled
            ), organization_currency AS (
                SELECT mrr_currency FROM shown WHERE mrr_currency IS NOT NULL
                GROUP BY mrr_currency ORDER BY count(*) DESC, mrr_currency LIMIT 1
            )
            SELECT (SELECT mrr_currency FROM organization_currency) AS Currency,
                   coalesce((SELECT sum(mrr_amount) FROM shown
                             WHERE mrr_currency = (SELECT mrr_currency FROM organization_currency)), 0) AS Mrr,
                   coalesce((SELECT sum(subscription_count) FROM shown), 0) AS ActiveSubscriptions,
                   (SELECT count(*) FROM invoice_copies
                    WHERE org_id = @orgId AND status IN ('draft', 'submitted')
                      AND (@clientScope::uuid IS NULL OR client_id = @clientScope)) AS PendingInvoices,
                   (SELECT count(*) FROM shown WHERE status = 'under-licensed') AS UnderLicensedClients,
                   (SELECT count(*) FROM shown) AS Clients
            """, new { orgId, clientScope }, cancellationToken: cancellationToken));

        // The 12 calendar months up to the current one (UTC), oldest first; a month nobody has history for is 0.
        var now = clock.GetUtcNow().UtcDateTime;
        var months = Enumerable.Range(0, TrendMonths).Reverse()
            .Select(back => new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(-back)).ToList();
        var sums = (await connection.QueryAsync<MonthAmount>(new CommandDefinition("""
            SELECT h.year AS Year, h.month AS Month, sum(h.amount) AS Amount
            FROM client_mrr_history h
            JOIN client_billing_snapshots s ON s.org_id = h.org_id AND s.client_id = h.client_id
            WHERE h.org_id = @orgId AND s.client_version > 0 AND s.enabled
              AND (@clientScope::uuid IS NULL OR s.client_id = @clientScope)
              AND coalesce(h.currency, @currency) IS NOT DISTINCT FROM @currency
              AND h.year * 12 + h.month BETWEEN @first AND @last
            GROUP BY h.year, h.month
            """, new
        {
            orgId,
            clientScope,
            currency = figures.Currency,
            first = months[0].Year * 12 + months[0].Month,
            last = months[^1].Year * 12 + months[^1].Month,
        }, cancellationToken: cancellationToken))).ToDictionary(sum => (sum.Year, sum.Month), sum => sum.Amount);
        var trend = months.Select(month => new MonthAmount(month.Year, month.Month,
            sums.GetValueOrDefault((month.Year, month.Month)))).ToList();
        return new BillingDashboard(figures.Currency, figures.Mrr, figures.ActiveSubscriptions, figures.PendingInvoices,
            figures.UnderLicensedClients, figures.Clients, trend);
    }

    private sealed record Figures(string? Currency, decimal Mrr, long ActiveSubscriptions, long PendingInvoices,
        long UnderLicensedClients, long Clients);
}

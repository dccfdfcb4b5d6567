using BillingOne.BuildingBlocks.Data;
using BillingOne.Projection.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Projection.Data;

/// <summary>
/// A client's invoices of one currency issued in a report's period, as the revenue and payment reports add them; with no
/// client (<see cref="ClientId"/> and <see cref="ClientName"/> null), the invoices of no known client: the Unmapped line.
/// </summary>
public sealed record ClientInvoiceTotals(Guid? ClientId, string? ClientName, string Currency, long Invoices,
    decimal Invoiced, decimal Paid, decimal Outstanding, decimal Overdue, long PaidInFull, decimal? AverageDaysToPay);

/// <summary>A client's money of one currency for a report: its MRR at a month's end, or its usage billed.</summary>
public sealed record ClientAmount(Guid ClientId, string ClientName, string Currency, decimal Amount);

/// <summary>One calendar month's invoices of one currency (by issue day within the period), for the financial summary.</summary>
public sealed record MonthInvoiceFigures(int Year, int Month, string Currency, long Invoices, decimal Invoiced,
    decimal Paid, decimal Outstanding, decimal Overdue);

/// <summary>One calendar month's money of one currency: MRR at its end, or usage billed for it.</summary>
public sealed record MonthAmountInCurrency(int Year, int Month, string Currency, decimal Amount);

/// <summary>
/// The reports' figures from the read copies: invoices (<c>invoice_copies</c>), each client's MRR at the end of a
/// month (<c>client_mrr_history</c>) and the usage billed for finalized periods (<see cref="FinalBucketLines"/>).
/// Invoices count when issued within the period and neither draft, voided nor deleted; an invoice's paid part is
/// total − amount due, the rest is overdue when its due day is before <c>today</c> and outstanding otherwise.
/// Client-scoped callers see their client's figures only. The invoices of no known client (no client, or one the
/// projection does not know) are one line of their own, so the per-client tables add up to the financial summary's
/// months (docs/domain.md, "One figure, one definition").
/// </summary>
public sealed class ReportStore(NpgsqlDataSource dataSource)
{
    private const string Issued = """
        i.org_id = @orgId AND (@clientScope::uuid IS NULL OR i.client_id = @clientScope)
        AND i.status NOT IN ('draft', 'voided', 'deleted') AND i.issue_date BETWEEN @from AND @to
        """;

    private const string InvoiceSums = """
        count(*) AS Invoices, sum(i.total) AS Invoiced, sum(i.total - i.amount_due) AS Paid,
        sum(CASE WHEN i.due_date IS NULL OR i.due_date >= @today THEN i.amount_due ELSE 0 END) AS Outstanding,
        sum(CASE WHEN i.due_date < @today THEN i.amount_due ELSE 0 END) AS Overdue
        """;

    /// <summary>The clients whose figures a caller may see: known, and the caller's own when scoped.</summary>
    private const string ShownClient = "s.org_id = @orgId AND s.client_version > 0 AND (@clientScope::uuid IS NULL OR s.client_id = @clientScope)";

    public async Task<IReadOnlyList<ClientInvoiceTotals>> InvoicesByClientAsync(Guid orgId, Guid? clientScope,
        ReportPeriod period, DateOnly today, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<ClientInvoiceTotals>(new CommandDefinition($"""
            SELECT s.client_id AS ClientId, s.name AS ClientName, i.currency AS Currency, {InvoiceSums},
                   count(*) FILTER (WHERE i.amount_due = 0 AND i.fully_paid_on IS NOT NULL) AS PaidInFull,
                   round(avg(i.fully_paid_on - i.issue_date) FILTER (WHERE i.amount_due = 0 AND i.fully_paid_on IS NOT NULL), 1)
                       AS AverageDaysToPay
            FROM invoice_copies i
            LEFT JOIN client_billing_snapshots s ON s.client_id = i.client_id AND {ShownClient}
            WHERE {Issued}
            GROUP BY s.client_id, s.name, i.currency
            """, Parameters(orgId, clientScope, period, today), cancellationToken: cancellationToken))];
    }

    /// <summary>Each client's MRR at the end of <paramref name="month"/> (enabled clients, amounts other than 0).</summary>
    public async Task<IReadOnlyList<ClientAmount>> MrrByClientAsync(Guid orgId, Guid? clientScope, BillingMonth month,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<ClientAmount>(new CommandDefinition($"""
            SELECT s.client_id AS ClientId, s.name AS ClientName, h.currency AS Currency, h.amount AS Amount
            FROM client_mrr_history h
            JOIN client_billing_snapshots s ON s.org_id = h.org_id AND s.client_id = h.client_id
            WHERE h.org_id = @orgId AND h.year = @year AND h.month = @month AND h.currency IS NOT NULL AND h.amount <> 0
              AND s.enabled AND {ShownClient}
            """, new { orgId, clientScope, year = month.Year, month = month.Month }, cancellationToken: cancellationToken))];
    }

    /// <summary>
    /// Each client's usage billed for the finalized periods of <paramref name="months"/>: Σ (base line + overage) of its
    /// enabled buckets' lines (<see cref="FinalBucketLines"/>). The name is the client's, else as metering sent it.
    /// </summary>
    public async Task<IReadOnlyList<ClientAmount>> UsageByClientAsync(Guid orgId, Guid? clientScope,
        IReadOnlyList<BillingMonth> months, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var parameters = await UsageParametersAsync(connection, orgId, clientScope, months, cancellationToken);
        return [.. await connection.QueryAsync<ClientAmount>(new CommandDefinition($"""
            SELECT l.client_id AS ClientId, coalesce(min(s.name), min(l.client_name), '') AS ClientName,
                   l.currency AS Currency, sum(l.base_line + l.overage) AS Amount
            FROM ({FinalBucketLines.Of(InMonths)}) l
            LEFT JOIN client_billing_snapshots s ON s.org_id = @orgId AND s.client_id = l.client_id AND s.client_version > 0
            GROUP BY l.client_id, l.currency
            """, parameters, cancellationToken: cancellationToken))];
    }

    /// <summary>The period's invoices per calendar month of issue and currency, every invoice the caller may see.</summary>
    public async Task<IReadOnlyList<MonthInvoiceFigures>> InvoicesByMonthAsync(Guid orgId, Guid? clientScope,
        ReportPeriod period, DateOnly today, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<MonthInvoiceFigures>(new CommandDefinition($"""
            SELECT extract(year FROM i.issue_date)::int AS Year, extract(month FROM i.issue_date)::int AS Month,
                   i.currency AS Currency, {InvoiceSums}
            FROM invoice_copies i
            WHERE {Issued}
            GROUP BY 1, 2, i.currency
            """, Parameters(orgId, clientScope, period, today), cancellationToken: cancellationToken))];
    }

    /// <summary>Σ MRR at the end of each of <paramref name="months"/> per currency, over the enabled clients shown.</summary>
    public async Task<IReadOnlyList<MonthAmountInCurrency>> MrrByMonthAsync(Guid orgId, Guid? clientScope,
        IReadOnlyList<BillingMonth> months, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return [.. await connection.QueryAsync<MonthAmountInCurrency>(new CommandDefinition($"""
            SELECT h.year AS Year, h.month AS Month, h.currency AS Currency, sum(h.amount) AS Amount
            FROM client_mrr_history h
            JOIN client_billing_snapshots s ON s.org_id = h.org_id AND s.client_id = h.client_id
            WHERE h.org_id = @orgId AND h.currency IS NOT NULL AND s.enabled AND {ShownClient}
              AND h.year * 12 + h.month BETWEEN @first AND @last
            GROUP BY h.year, h.month, h.currency
            """, new { orgId, clientScope, first = Index(months[0]), last = Index(months[^1]) },
            cancellationToken: cancellationToken))];
    }

    /// <summary>The usage billed for each finalized period of <paramref name="months"/> per currency.</summary>
    public async Task<IReadOnlyList<MonthAmountInCurrency>> UsageByMonthAsync(Guid orgId, Guid? clientScope,
        IReadOnlyList<BillingMonth> months, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var parameters = await UsageParametersAsync(connection, orgId, clientScope, months, cancellationToken);
        return [.. await connection.QueryAsync<MonthAmountInCurrency>(new CommandDefinition($"""
            SELECT l.year AS Year, l.month AS Month, l.currency AS Currency, sum(l.base_line + l.overage) AS Amount
            FROM ({FinalBucketLines.Of(InMonths)}) l
            GROUP BY l.year, l.month, l.currency
            """, parameters, cancellationToken: cancellationToken))];
    }

    /// <summary>
    /// Every subscription line the enabled clients shown to the caller last announced (removed and cancelled ones
    /// too), and for an organization-wide caller the unmapped companies' (<see cref="UnmappedLinesAsync"/>), for
    /// subscription analytics; instants in UTC.
    /// </summary>
    public async Task<IReadOnlyList<SubscriptionLineCopy>> SubscriptionLinesAsync(Guid orgId, Guid? clientScope,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var clients = await LinesAsync(connection, $"""
            SELECT c.client_id AS ClientId, {LineColumns}
            FROM client_subscriptions c
            JOIN client_billing_snapshots s ON s.org_id = c.org_id AND s.client_id = c.client_id
            WHERE c.org_id = @orgId AND s.enabled AND {ShownClient}
            ORDER BY c.client_id, c.subscription_id
            """, orgId, clientScope, cancellationToken);
        return [.. clients, .. await UnmappedLinesAsync(orgId, clientScope, cancellationToken)];
    }

    /// <summary>
    /// The subscription lines of the Pax8 companies mapped to no client (client id null), as last announced; none for a
    /// caller scoped to a client, who sees only that client's figures.
    /// </summary>
    public async Task<IReadOnlyList<SubscriptionLineCopy>> UnmappedLinesAsync(Guid orgId, Guid? clientScope,
        CancellationToken cancellationToken)
    {
        if (clientScope is not null)
        {
            return [];
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await LinesAsync(connection, $"""
            SELECT NULL::uuid AS ClientId, {LineColumns}
            FROM unmapped_subscriptions c
            WHERE c.org_id = @orgId
            ORDER BY c.subscription_id
            """, orgId, clientScope, cancellationToken);
    }

    private const string LineColumns = """
        c.subscription_id AS SubscriptionId, c.product_id AS ProductId, c.product_name AS ProductName,
        c.quantity AS Quantity, c.unit_price AS UnitPrice, c.currency AS Currency, c.billing_term AS BillingTerm,
        c.status AS Status, c.start_date AS StartDate, c.end_date AS EndDate, c.removed_at AS RemovedAt
        """;

    private static async Task<IReadOnlyList<SubscriptionLineCopy>> LinesAsync(NpgsqlConnection connection, string sql,
        Guid orgId, Guid? clientScope, CancellationToken cancellationToken) =>
        [.. (await connection.QueryAsync<SubscriptionLineRow>(new CommandDefinition(sql, new { orgId, clientScope },
            cancellationToken: cancellationToken))).Select(row => row.ToCopy())];

    private sealed record SubscriptionLineRow(Guid? ClientId, Guid SubscriptionId, Guid ProductId, string ProductName,
        int Quantity, decimal UnitPrice, string Currency, string BillingTerm, string Status, DateTime StartDate,
        DateTime? EndDate, DateTime? RemovedAt)
    {
        public SubscriptionLineCopy ToCopy() => new(ClientId, SubscriptionId, ProductId, ProductName, Quantity, UnitPrice,
            Currency, BillingTerm, Status, UtcInstants.From(StartDate), UtcInstants.From(EndDate),
            UtcInstants.From(RemovedAt));
    }

    private const string InMonths = "o.year * 12 + o.month BETWEEN @first AND @last";

    private static async Task<DynamicParameters> UsageParametersAsync(NpgsqlConnection connection, Guid orgId,
        Guid? clientScope, IReadOnlyList<BillingMonth> months, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(new { orgId, clientScope, first = Index(months[0]), last = Index(months[^1]) });
        return parameters.AddCurrencies(await FinalBucketLines.OrganizationCurrenciesAsync(connection, orgId, cancellationToken));
    }

    private static object Parameters(Guid orgId, Guid? clientScope, ReportPeriod period, DateOnly today) =>
        new { orgId, clientScope, from = period.From, to = period.To, today };

    private static int Index(BillingMonth month) => month.Year * 12 + month.Month;
}

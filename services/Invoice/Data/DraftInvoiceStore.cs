using System.Text.Json;
using BillingOne.BuildingBlocks.Auditing;
using BillingOne.BuildingBlocks.Data;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.Contracts.Events;
using BillingOne.Invoice.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Invoice.Data;

/// <summary>A draft invoice claimed for a push: the month's billing as metering finalized it.</summary>
public sealed record DueDraftInvoice(Guid OrgId, Guid Id, ClientBillingFinalized Billing, string IdempotencyKey, int Attempts);

/// <summary>A draft invoice as the API shows it.</summary>
public sealed record DraftInvoiceView(
    Guid Id,
    Guid ClientId,
    string? ClientName,
    int Year,
    int Month,
    string Currency,
    decimal Total,
    int Lines,
    string Status,
    int Attempts,
    string? LastError,
    DateTimeOffset? NextAttemptAt,
    string? Vendor,
    string? VendorInvoiceId,
    string? VendorInvoiceNumber,
    string? VendorUrl,
    DateTimeOffset FinalizedAt,
    DateTimeOffset? PushedAt);

/// <summary>
/// The drafts finalized months become and the state of their pushes. A claim leases a draft (its next attempt moves a
/// lease ahead), so a push cut short by a crash or a restart is simply claimed again when the lease runs out.
/// </summary>
public sealed class DraftInvoiceStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Keeps a client's finalized month to push; false when it is kept already (a redelivery, a replay).</summary>
    public async Task<bool> RecordAsync(NpgsqlTransaction transaction, ClientBillingFinalized billing,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var inserted = await transaction.Connection!.ExecuteAsync(new CommandDefinition("""
            INSERT INTO draft_invoices (org_id, id, client_id, period_year, period_month, currency, total, billing,
                idempotency_key, status, next_attempt_at, finalized_at, created_at)
            VALUES (@OrgId, @id, @ClientId, @Year, @Month, @Currency, @Amount, @billing::jsonb, @key, 'pending', @now,
                @finalizedAt, @now)
            ON CONFLICT (org_id, client_id, period_year, period_month, currency) DO NOTHING
            """, new
        {
            billing.OrgId,
            id = Guid.CreateVersion7(),
            billing.ClientId,
            billing.Year,
            billing.Month,
            billing.Currency,
            billing.Amount,
            billing = JsonSerializer.Serialize(billing, Json),
            key = DraftInvoicePlan.IdempotencyKeyOf(billing.OrgId, billing.ClientId, billing.Year, billing.Month, billing.Currency),
            now,
            finalizedAt = billing.FinalizedAt.UtcDateTime,
        }, transaction, cancellationToken: cancellationToken));
        return inserted == 1;
    }

    /// <summary>Up to <paramref name="batch"/> drafts due for a push, each leased for <paramref name="lease"/>.</summary>
    public async Task<IReadOnlyList<DueDraftInvoice>> ClaimDueAsync(int batch, TimeSpan lease, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(Guid OrgId, Guid Id, string Billing, string IdempotencyKey, int Attempts)>(
            new CommandDefinition("""
                UPDATE draft_invoices d SET attempts = d.attempts + 1, next_attempt_at = @leaseEnd
                FROM (SELECT org_id, id FROM draft_invoices
                      WHERE status IN ('pending', 'needs-mapping', 'waiting-for-xero') AND next_attempt_at <= @now
                      ORDER BY next_attempt_at LIMIT @batch FOR UPDATE SKIP LOCKED) due
                WHERE d.org_id = due.org_id AND d.id = due.id
                RETURNING d.org_id, d.id, d.billing::text, d.idempotency_key, d.attempts
                """, new { now = now.UtcDateTime, leaseEnd = (now + lease).UtcDateTime, batch },
                cancellationToken: cancellationToken));
        return [.. rows.Select(row => new DueDraftInvoice(row.OrgId, row.Id,
            JsonSerializer.Deserialize<ClientBillingFinalized>(row.Billing, Json)!, row.IdempotencyKey, row.Attempts))];
    }

    /// <summary>The Xero contact the client is mapped to (the latest mapping when several contacts are).</summary>
    public async Task<string?> XeroContactOfAsync(Guid orgId, Guid clientId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition("""
            SELECT external_id FROM client_mappings
            WHERE org_id = @orgId AND vendor = 'xero' AND client_id = @clientId
            ORDER BY changed_at DESC, external_id LIMIT 1
            """, new { orgId, clientId }, cancellationToken: cancellationToken));
    }

    public async Task MarkPushedAsync(DueDraftInvoice draft, string vendorInvoiceId, string? number, string vendorUrl,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE draft_invoices SET status = 'pushed', vendor = 'xero', vendor_invoice_id = @vendorInvoiceId,
                vendor_invoice_number = @number, vendor_url = @vendorUrl, pushed_at = @now, last_error = NULL
            WHERE org_id = @OrgId AND id = @Id AND status <> 'pushed'
            """, new { draft.OrgId, draft.Id, vendorInvoiceId, number, vendorUrl, now = clock.GetUtcNow().UtcDateTime },
            cancellationToken: cancellationToken));
    }

    /// <summary>Records why the push did not happen and when to try again (never again by itself for <c>failed</c>).</summary>
    public async Task MarkNotPushedAsync(DueDraftInvoice draft, string status, string reason, TimeSpan? retryAfter,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE draft_invoices SET status = @status, last_error = @reason, next_attempt_at = @next
            WHERE org_id = @OrgId AND id = @Id AND status <> 'pushed'
            """, new
        {
            draft.OrgId,
            draft.Id,
            status,
            reason,
            next = (now + (retryAfter ?? TimeSpan.Zero)).UtcDateTime,
        }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Queues a draft that is not pushed for a push now, audited as the caller (the request's trail: this store also
    /// serves the push worker, which has none); false when there is none such.
    /// </summary>
    public async Task<bool> RetryAsync(Guid orgId, Guid? clientScope, Guid id, IAuditTrail audit,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var before = await connection.QuerySingleOrDefaultAsync<RetriedDraft>(new CommandDefinition("""
            SELECT status, last_error AS LastError, attempts FROM draft_invoices
            WHERE org_id = @orgId AND id = @id AND status <> 'pushed'
              AND (@clientScope::uuid IS NULL OR client_id = @clientScope)
            FOR UPDATE
            """, new { orgId, clientScope, id }, transaction, cancellationToken: cancellationToken));
        if (before is null)
        {
            return false;
        }
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE draft_invoices SET status = 'pending', next_attempt_at = @now WHERE org_id = @orgId AND id = @id",
            new { orgId, id, now = clock.GetUtcNow().UtcDateTime }, transaction, cancellationToken: cancellationToken));
        await audit.RecordAsync(transaction, AuditActions.Retry, "draft_invoices", id.ToString(), before,
            new { Status = DraftInvoiceStatuses.Pending }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private sealed record RetriedDraft(string Status, string? LastError, int Attempts);

    public async Task<PagedResult<DraftInvoiceView>> ListAsync(Guid orgId, Guid? clientScope, int? year, int? month,
        Guid? clientId, string? status, PageRequest page, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var filter = new { orgId, clientScope, year, month, clientId, status, page.PageSize, page.Offset };
        const string Where = """
            WHERE d.org_id = @orgId AND (@clientScope::uuid IS NULL OR d.client_id = @clientScope)
              AND (@year::int IS NULL OR d.period_year = @year) AND (@month::int IS NULL OR d.period_month = @month)
              AND (@clientId::uuid IS NULL OR d.client_id = @clientId) AND (@status::text IS NULL OR d.status = @status)
            """;
        var total = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            $"SELECT count(*) FROM draft_invoices d {Where}", filter, cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<DraftRow>(new CommandDefinition($"""
            SELECT d.id, d.client_id AS ClientId, c.name AS ClientName, d.period_year AS Year, d.period_month AS Month,
                   d.currency, d.total, jsonb_array_length(d.billing -> 'lines') AS Lines, d.status, d.attempts,
                   d.last_error AS LastError, d.next_attempt_at AS NextAttemptAt, d.vendor,
                   d.vendor_invoice_id AS VendorInvoiceId, d.vendor_invoice_number AS VendorInvoiceNumber,
                   d.vendor_url AS VendorUrl, d.finalized_at AS FinalizedAt, d.pushed_at AS PushedAt
            FROM draft_invoices d
            LEFT JOIN clients c ON c.org_id = d.org_id AND c.client_id = d.client_id
            {Where}
            ORDER BY d.period_year DESC, d.period_month DESC, lower(c.name) NULLS LAST, d.client_id, d.currency
            LIMIT @PageSize OFFSET @Offset
            """, filter, cancellationToken: cancellationToken));
        return new PagedResult<DraftInvoiceView>([.. rows.Select(row => row.ToView())], page.Page, page.PageSize, total);
    }

    private sealed record DraftRow(Guid Id, Guid ClientId, string? ClientName, int Year, int Month, string Currency,
        decimal Total, int Lines, string Status, int Attempts, string? LastError, DateTime NextAttemptAt, string? Vendor,
        string? VendorInvoiceId, string? VendorInvoiceNumber, string? VendorUrl, DateTime FinalizedAt, DateTime? PushedAt)
    {
        public DraftInvoiceView ToView() => new(Id, ClientId, ClientName, Year, Month, Currency.Trim(), Total, Lines, Status,
            Attempts, LastError, Status == DraftInvoiceStatuses.Pushed || Status == DraftInvoiceStatuses.Failed ? null : UtcInstants.From(NextAttemptAt),
            Vendor, VendorInvoiceId, VendorInvoiceNumber, VendorUrl, UtcInstants.From(FinalizedAt), UtcInstants.From(PushedAt));
    }
}

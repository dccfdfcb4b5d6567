using BillingOne.BuildingBlocks.Data;
using BillingOne.BuildingBlocks.Paging;
using BillingOne.Invoice.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Invoice.Data;

/// <summary>An invoice with its contact's client when the contact is mapped; <see cref="Status"/> is the list's.</summary>
public sealed record InvoiceView(
    Guid Id,
    string Source,
    string ExternalId,
    string? Number,
    string? Reference,
    string ContactId,
    string ContactName,
    Guid? ClientId,
    string? ClientName,
    string Status,
    DateOnly? IssuedOn,
    DateOnly? DueOn,
    string Currency,
    decimal SubTotal,
    decimal TotalTax,
    decimal Total,
    decimal AmountDue,
    decimal AmountPaid,
    DateOnly? FullyPaidOn,
    DateTimeOffset? UpdatedAt,
    string? VendorUrl);

public sealed record InvoiceLineView(string? Description, decimal? Quantity, decimal? UnitAmount, string? AccountCode,
    string? ItemCode, decimal? TaxAmount, decimal? LineAmount);

public sealed record InvoiceSummary(long Total, IReadOnlyDictionary<string, long> ByStatus, long Unmapped);

/// <summary>
/// Reads the synced invoices. The list's status is derived in SQL the way <see cref="InvoiceStatuses.FromVendor"/> derives
/// it (so filters, sorting and counts agree with what each item shows), with today in UTC. A client-scoped caller sees
/// only invoices of contacts mapped to its client.
/// </summary>
public sealed class InvoiceStore(NpgsqlDataSource dataSource, TimeProvider clock)
{
    private const string StatusSql = """
        CASE upper(i.vendor_status)
            WHEN 'DRAFT' THEN 'draft'
            WHEN 'SUBMITTED' THEN 'submitted'
            WHEN 'AUTHORISED' THEN CASE WHEN i.amount_due > 0 AND i.due_on < @today THEN 'overdue' ELSE 'awaiting' END
            WHEN 'APPROVED' THEN CASE WHEN i.amount_due > 0 AND i.due_on < @today THEN 'overdue' ELSE 'awaiting' END
            WHEN 'OVERDUE' THEN 'overdue'
            WHEN 'PAID' THEN 'paid'
            WHEN 'VOIDED' THEN 'voided'
            WHEN 'DELETED' THEN 'voided'
            WHEN 'VOID' THEN 'voided'
            ELSE 'submitted'
        END
        """;

    private const string From = """
        FROM invoices i
        LEFT JOIN client_mappings m ON m.org_id = i.org_id AND m.vendor = i.source AND m.external_id = i.contact_external_id
        LEFT JOIN clients c ON c.org_id = m.org_id AND c.client_id = m.client_id
        WHERE i.org_id = @orgId
          AND (@clientScope::uuid IS NULL OR m.client_id = @clientScope)
        """;

    private static readonly string Columns = $"""
        i.id, i.source, i.external_id AS ExternalId, i.number, i.reference, i.contact_external_id AS ContactId,
        i.contact_name AS ContactName, m.client_id AS ClientId, c.name AS ClientName, {StatusSql} AS Status,
        i.issued_on AS IssuedOn, i.due_on AS DueOn, i.currency, i.sub_total AS SubTotal, i.total_tax AS TotalTax, i.total,
        i.amount_due AS AmountDue, i.amount_paid AS AmountPaid, i.fully_paid_on AS FullyPaidOn,
        i.vendor_updated_at AS UpdatedAt, i.vendor_url AS VendorUrl
        """;

    private static readonly string Filters = $"""
          AND (@status::text IS NULL OR {StatusSql} = @status)
          AND (@source::text IS NULL OR i.source = @source)
          AND (@clientId::uuid IS NULL OR m.client_id = @clientId)
          AND (NOT @unmapped OR m.client_id IS NULL)
          AND (@issuedFrom::date IS NULL OR i.issued_on >= @issuedFrom)
          AND (@issuedTo::date IS NULL OR i.issued_on <= @issuedTo)
          AND (@search::text IS NULL OR i.number ILIKE @pattern OR i.reference ILIKE @pattern OR c.name ILIKE @pattern
               OR i.contact_name ILIKE @pattern OR i.total = @amount OR i.amount_due = @amount)
        """;

    public async Task<PagedResult<InvoiceView>> ListAsync(Guid orgId, Guid? clientScope, InvoiceListQuery query,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition($"""
            SELECT count(*) {From} {Filters};
            SELECT {Columns} {From} {Filters}
            ORDER BY {OrderBy(query)} LIMIT @limit OFFSET @offset;
            """, Parameters(orgId, clientScope, query, query.Page.PageSize, query.Page.Offset), cancellationToken: cancellationToken));
        var total = await results.ReadSingleAsync<long>();
        var rows = await results.ReadAsync<InvoiceRow>();
        return new PagedResult<InvoiceView>([.. rows.Select(row => row.ToView())], query.Page.Page, query.Page.PageSize, total);
    }

    public async Task<IReadOnlyList<InvoiceView>> ExportAsync(Guid orgId, Guid? clientScope, InvoiceListQuery query,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<InvoiceRow>(new CommandDefinition(
            $"SELECT {Columns} {From} {Filters} ORDER BY {OrderBy(query)}",
            Parameters(orgId, clientScope, query, null, 0), cancellationToken: cancellationToken));
        return [.. rows.Select(row => row.ToView())];
    }

    public async Task<(InvoiceView Invoice, IReadOnlyList<InvoiceLineView> Lines)?> FindAsync(Guid orgId, Guid? clientScope,
        Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<InvoiceRow>(new CommandDefinition(
            $"SELECT {Columns} {From} AND i.id = @id", new { orgId, clientScope, id, today = Today() },
            cancellationToken: cancellationToken));
        if (row is null)
        {
            return null;
        }
        var lines = await connection.QueryAsync<InvoiceLineView>(new CommandDefinition("""
            SELECT description, quantity, unit_amount AS UnitAmount, account_code AS AccountCode, item_code AS ItemCode,
                   tax_amount AS TaxAmount, line_amount AS LineAmount
            FROM invoice_lines WHERE org_id = @orgId AND invoice_id = @id ORDER BY line_number
            """, new { orgId, id }, cancellationToken: cancellationToken));
        return (row.ToView(), [.. lines]);
    }

    public async Task<InvoiceSummary> SummarizeAsync(Guid orgId, Guid? clientScope, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Status, long Count, long Unmapped)>(new CommandDefinition($"""
            SELECT {StatusSql} AS status, count(*), count(*) FILTER (WHERE m.client_id IS NULL)
            {From}
            GROUP BY 1
            """, new { orgId, clientScope, today = Today() }, cancellationToken: cancellationToken));
        var counts = rows.ToList();
        var byStatus = InvoiceStatuses.All.ToDictionary(status => status,
            status => counts.Where(row => row.Status == status).Sum(row => row.Count), StringComparer.Ordinal);
        return new InvoiceSummary(counts.Sum(row => row.Count), byStatus, counts.Sum(row => row.Unmapped));
    }

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private object Parameters(Guid orgId, Guid? clientScope, InvoiceListQuery query, int? limit, long offset) => new
    {
        orgId,
        clientScope,
        today = Today(),
        status = query.Status,
        source = query.Source,
        clientId = query.ClientId,
        unmapped = query.Unmapped,
        issuedFrom = query.IssuedFrom,
        issuedTo = query.IssuedTo,
        search = query.Search,
        pattern = LikePatterns.Containing(query.Search ?? ""),
        amount = query.SearchAmount,
        limit,
        offset,
    };

    // The id makes the order total, so pages never overlap.
    private static string OrderBy(InvoiceListQuery query)
    {
        var direction = query.Direction.ToSql();
        var column = query.Sort switch
        {
            InvoiceSortField.IssuedOn => "i.issued_on",
            InvoiceSortField.Number => "i.number",
            InvoiceSortField.Client => "lower(coalesce(c.name, i.contact_name))",
            InvoiceSortField.Total => "i.total",
            InvoiceSortField.AmountDue => "i.amount_due",
            InvoiceSortField.DueOn => "i.due_on",
            InvoiceSortField.Status => "Status",
            _ => throw new ArgumentOutOfRangeException(nameof(query), query.Sort, "Unknown sort field."),
        };
        return $"{column} {direction} NULLS LAST, i.number {direction}, i.id";
    }

    private sealed record InvoiceRow(Guid Id, string Source, string ExternalId, string? Number, string? Reference,
        string ContactId, string ContactName, Guid? ClientId, string? ClientName, string Status, DateOnly? IssuedOn,
        DateOnly? DueOn, string Currency, decimal SubTotal, decimal TotalTax, decimal Total, decimal AmountDue,
        decimal AmountPaid, DateOnly? FullyPaidOn, DateTime? UpdatedAt, string? VendorUrl)
    {
        public InvoiceView ToView() => new(Id, Source, ExternalId, Number, Reference, ContactId, ContactName, ClientId,
            ClientName, Status, IssuedOn, DueOn, Currency.Trim(), SubTotal, TotalTax, Total, AmountDue, AmountPaid,
            FullyPaidOn, UtcInstants.From(UpdatedAt), VendorUrl);
    }
}

using BillingOne.BuildingBlocks.Paging;
using Dapper;
using Npgsql;

namespace BillingOne.Projection.Data;

public sealed record InvoiceCopy(Guid InvoiceId, string Source, Guid? ClientId, string? ContactName, string? Number,
    string? Reference, string Status, DateOnly? IssueDate, DateOnly? DueDate, string Currency, decimal Total,
    decimal AmountDue, DateTimeOffset UpdatedAt);

/// <summary>Lists the <c>invoice_copies</c> read model (InvoiceUpserted, highest version kept).</summary>
public sealed class InvoiceCopyStore(NpgsqlDataSource dataSource)
{
    /// <summary>The statuses of the invoice list's vocabulary (<see cref="Contracts.Events.InvoiceUpserted"/>).</summary>
    public static readonly IReadOnlyList<string> Statuses =
        ["draft", "submitted", "awaiting", "overdue", "paid", "voided", "deleted"];

    /// <summary>
    /// Newest issued first (then last changed). A client-scoped caller sees only its client's invoices, never the
    /// unmapped ones.
    /// </summary>
    public async Task<PagedResult<InvoiceCopy>> ListAsync(Guid orgId, Guid? clientScope, Guid? clientId, string? status,
        PageRequest page, CancellationToken cancellationToken)
    {
        const string Filter = """
            org_id = @orgId AND (@clientScope::uuid IS NULL OR client_id = @clientScope)
            AND (@clientId::uuid IS NULL OR client_id = @clientId) AND (@status::text IS NULL OR status = @status)
            """;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition($"""
            SELECT count(*) FROM invoice_copies WHERE {Filter};
            SELECT invoice_id AS InvoiceId, source AS Source, client_id AS ClientId, contact_name AS ContactName,
                   number AS Number, reference AS Reference, status AS Status, issue_date AS IssueDate,
                   due_date AS DueDate, currency AS Currency, total AS Total, amount_due AS AmountDue,
                   updated_at AS UpdatedAt
            FROM invoice_copies WHERE {Filter}
            ORDER BY issue_date DESC NULLS LAST, updated_at DESC, invoice_id DESC LIMIT @limit OFFSET @offset;
            """, new { orgId, clientScope, clientId, status, limit = page.PageSize, offset = page.Offset },
            cancellationToken: cancellationToken));
        var totalCount = await results.ReadSingleAsync<long>();
        var rows = await results.ReadAsync<InvoiceRow>();
        return new PagedResult<InvoiceCopy>([.. rows.Select(row => row.ToCopy())], page.Page, page.PageSize,
            totalCount);
    }

    private sealed record InvoiceRow(Guid InvoiceId, string Source, Guid? ClientId, string? ContactName,
        string? Number, string? Reference, string Status, DateOnly? IssueDate, DateOnly? DueDate, string Currency,
        decimal Total, decimal AmountDue, DateTime UpdatedAt)
    {
        public InvoiceCopy ToCopy() => new(InvoiceId, Source, ClientId, ContactName, Number, Reference, Status,
            IssueDate, DueDate, Currency, Total, AmountDue, new DateTimeOffset(UpdatedAt, TimeSpan.Zero));
    }
}

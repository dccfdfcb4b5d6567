using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using BillingOne.Invoice.Domain;
using Dapper;
using Npgsql;

namespace BillingOne.Invoice.Data;

/// <summary>
/// Announces stored invoices as <see cref="InvoiceUpserted"/> through the outbox, in the transaction that changed them:
/// after a sync stored or changed them, or after their contact's client changed. Each change bumps the invoice's version
/// in that transaction, so the versions an invoice is announced with strictly increase.
/// </summary>
public sealed class InvoiceEvents(IOutbox outbox, TimeProvider clock)
{
    /// <summary>Announces the invoices <paramref name="invoiceIds"/> as they now stand.</summary>
    public async Task EnqueueAsync(NpgsqlTransaction transaction, Guid orgId, IReadOnlyCollection<Guid> invoiceIds,
        CancellationToken cancellationToken)
    {
        if (invoiceIds.Count == 0)
        {
            return;
        }
        var rows = await transaction.Connection!.QueryAsync<AnnouncedInvoice>(new CommandDefinition("""
            SELECT i.id AS InvoiceId, i.source AS Source, m.client_id AS ClientId, i.contact_name AS ContactName,
                   i.number AS Number, i.reference AS Reference, i.vendor_status AS VendorStatus, i.issued_on AS IssuedOn,
                   i.due_on AS DueOn, i.currency AS Currency, i.total AS Total, i.amount_due AS AmountDue,
                   i.version AS Version, i.fully_paid_on AS FullyPaidOn
            FROM invoices i
            LEFT JOIN client_mappings m ON m.org_id = i.org_id AND m.vendor = i.source AND m.external_id = i.contact_external_id
            WHERE i.org_id = @orgId AND i.id = ANY(@ids)
            ORDER BY i.id
            """, new { orgId, ids = invoiceIds.ToArray() }, transaction, cancellationToken: cancellationToken));
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var messages = rows.Select(row => new InvoiceUpserted(orgId, row.InvoiceId, row.Source, row.ClientId,
            row.ContactName, row.Number, row.Reference,
            InvoiceStatuses.FromVendor(row.VendorStatus, row.DueOn, row.AmountDue, today), row.IssuedOn, row.DueOn,
            row.Currency, row.Total, row.AmountDue, row.Version, now, row.FullyPaidOn)).ToList();
        await outbox.EnqueueAllAsync(transaction, messages, cancellationToken);
    }

    /// <summary>
    /// Bumps the version of every invoice of the <paramref name="source"/> contact <paramref name="contactExternalId"/>
    /// and announces them: the contact's client changed.
    /// </summary>
    public async Task EnqueueForContactAsync(NpgsqlTransaction transaction, Guid orgId, string source,
        string contactExternalId, CancellationToken cancellationToken)
    {
        var ids = (await transaction.Connection!.QueryAsync<Guid>(new CommandDefinition("""
            UPDATE invoices SET version = version + 1
            WHERE org_id = @orgId AND source = @source AND contact_external_id = @contactExternalId
            RETURNING id
            """, new { orgId, source, contactExternalId }, transaction, cancellationToken: cancellationToken))).ToList();
        await EnqueueAsync(transaction, orgId, ids, cancellationToken);
    }

    /// <summary>
    /// Bumps the version of every invoice of the organization and announces each, <paramref name="batchSize"/> at a time
    /// in id order, inside the caller's transaction: the whole ledger is announced or, rolled back, none of it. Read
    /// copies keep the highest version, so they all take it (and the status as of today). How many were announced.
    /// </summary>
    public async Task<int> EnqueueAllAsync(NpgsqlTransaction transaction, Guid orgId, int batchSize,
        CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var announced = 0;
        Guid? after = null;
        while (true)
        {
            // The cursor is the batch's last id in PostgreSQL's uuid order (not .NET's Guid order), so it is read in SQL.
            var ids = (await connection.QueryAsync<Guid>(new CommandDefinition("""
                SELECT id FROM invoices WHERE org_id = @orgId AND (@after::uuid IS NULL OR id > @after)
                ORDER BY id LIMIT @batchSize
                """, new { orgId, after, batchSize }, transaction, cancellationToken: cancellationToken))).ToList();
            if (ids.Count == 0)
            {
                return announced;
            }
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE invoices SET version = version + 1 WHERE org_id = @orgId AND id = ANY(@ids)",
                new { orgId, ids = ids.ToArray() }, transaction, cancellationToken: cancellationToken));
            await EnqueueAsync(transaction, orgId, ids, cancellationToken);
            announced += ids.Count;
            after = ids[^1];
        }
    }

    private sealed record AnnouncedInvoice(Guid InvoiceId, string Source, Guid? ClientId, string ContactName,
        string? Number, string? Reference, string VendorStatus, DateOnly? IssuedOn, DateOnly? DueOn, string Currency,
        decimal Total, decimal AmountDue, long Version, DateOnly? FullyPaidOn);
}

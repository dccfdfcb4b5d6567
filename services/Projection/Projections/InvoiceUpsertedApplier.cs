using BillingOne.Contracts.Events;
using Dapper;
using Npgsql;

namespace BillingOne.Projection.Projections;

/// <summary>
/// The projection's copy of an invoice: pending invoices, a client's total spend and billing contact, the revenue and
/// payment reports.
/// </summary>
public sealed class InvoiceUpsertedApplier : EventApplier<InvoiceUpserted>
{
    public override Guid OrgIdOf(InvoiceUpserted message) => message.OrgId;

    public override Task ApplyAsync(NpgsqlTransaction transaction, InvoiceUpserted invoice, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition("""
            INSERT INTO invoice_copies (org_id, invoice_id, source, client_id, contact_name, number, reference, status,
                issue_date, due_date, currency, total, amount_due, version, updated_at, fully_paid_on)
            VALUES (@OrgId, @InvoiceId, @Source, @ClientId, @ContactName, @Number, @Reference, @Status, @IssueDate, @DueDate,
                @Currency, @Total, @AmountDue, @Version, @UpdatedAt, @FullyPaidOn)
            ON CONFLICT (org_id, invoice_id) DO UPDATE
            SET source = excluded.source, client_id = excluded.client_id, contact_name = excluded.contact_name,
                number = excluded.number, reference = excluded.reference, status = excluded.status,
                issue_date = excluded.issue_date, due_date = excluded.due_date, currency = excluded.currency,
                total = excluded.total, amount_due = excluded.amount_due, version = excluded.version,
                updated_at = excluded.updated_at, fully_paid_on = excluded.fully_paid_on
            WHERE invoice_copies.version < excluded.version
            """, invoice, transaction, cancellationToken: cancellationToken));
}

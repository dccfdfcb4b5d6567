using BillingOne.Contracts.Events;
using Dapper;
using Npgsql;

namespace BillingOne.Reconciliation.Data;

/// <summary>
/// The <c>invoices</c> read copy: each invoice's client, reference and status, which say whether a month's overage is
/// invoiced.
/// </summary>
public sealed class InvoiceStore
{
    /// <summary>
    /// Stores the invoice unless the copy holds that version or a newer one: whether it did, and the reference the copy
    /// held before (null for a new invoice).
    /// </summary>
    public async Task<(bool Applied, string? PreviousReference)> UpsertIfNewerAsync(NpgsqlTransaction transaction,
        InvoiceUpserted invoice, CancellationToken cancellationToken)
    {
        var applied = await transaction.Connection!.QuerySingleOrDefaultAsync<AppliedRow>(new CommandDefinition("""
            WITH previous AS (
                SELECT reference FROM invoices WHERE org_id = @OrgId AND invoice_id = @InvoiceId FOR UPDATE)
            INSERT INTO invoices (org_id, invoice_id, client_id, reference, status, version)
            VALUES (@OrgId, @InvoiceId, @ClientId, @Reference, @Status, @Version)
            ON CONFLICT (org_id, invoice_id) DO UPDATE SET client_id = excluded.client_id,
                reference = excluded.reference, status = excluded.status, version = excluded.version
            WHERE invoices.version < excluded.version
            RETURNING (SELECT reference FROM previous) AS PreviousReference
            """, new { invoice.OrgId, invoice.InvoiceId, invoice.ClientId, invoice.Reference, invoice.Status, invoice.Version },
            transaction, cancellationToken: cancellationToken));
        return (applied is not null, applied?.PreviousReference);
    }

    private sealed record AppliedRow(string? PreviousReference);
}

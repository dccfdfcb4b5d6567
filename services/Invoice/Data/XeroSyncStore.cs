using BillingOne.BuildingBlocks.Data;
using BillingOne.Invoice.Connectors.Xero;
using Dapper;
using Npgsql;

namespace BillingOne.Invoice.Data;

/// <summary>What one Xero sync read: the contacts and invoices that changed, and whether it read everything.</summary>
/// <param name="Complete">The read reached the end of both lists with no page left unread: the next sync may read only what changes after this one started.</param>
public sealed record XeroReadResult(IReadOnlyList<XeroContact> Contacts, IReadOnlyList<XeroInvoice> Invoices, bool Complete);

/// <summary>
/// Xero's side of applying a sync: its records become <see cref="StoredContact"/>s and <see cref="StoredInvoice"/>s
/// applied by <see cref="InvoiceSyncStore"/>, and the incremental watermark moves to the run's start in the same
/// transaction, only after a complete read.
/// </summary>
public sealed class XeroSyncStore(NpgsqlDataSource dataSource, InvoiceSyncStore invoices)
{
    public const string Source = "xero";

    /// <summary>Where the next read starts: null for a full read.</summary>
    public async Task<DateTimeOffset?> ModifiedSinceAsync(Guid orgId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var since = await connection.QuerySingleOrDefaultAsync<DateTime?>(new CommandDefinition(
            "SELECT modified_since FROM xero_sync_state WHERE org_id = @orgId", new { orgId }, cancellationToken: cancellationToken));
        return UtcInstants.From(since);
    }

    /// <param name="startedAt">When the run began reading: the next incremental read starts there when this one is complete; null leaves the watermark where it is (a scoped read).</param>
    public Task<InvoiceSyncChanges> ApplyAsync(Guid orgId, Guid runId, XeroReadResult read, DateTimeOffset? startedAt,
        CancellationToken cancellationToken) =>
        invoices.ApplyAsync(orgId, runId, Source, [.. read.Contacts.Select(Stored)], [.. read.Invoices.Select(Stored)],
            read.Complete && startedAt is { } watermark
                ? (transaction, now, token) => transaction.Connection!.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO xero_sync_state (org_id, modified_since, updated_at) VALUES (@orgId, @watermark, @now)
                    ON CONFLICT (org_id) DO UPDATE SET modified_since = excluded.modified_since, updated_at = excluded.updated_at
                    """, new { orgId, watermark, now }, transaction, cancellationToken: token))
                : null,
            cancellationToken);

    private static StoredContact Stored(XeroContact contact) =>
        new(contact.ContactId.ToString(), contact.Name, contact.Email, contact.Status, contact.UpdatedAt);

    private static StoredInvoice Stored(XeroInvoice invoice) => new(invoice.InvoiceId.ToString(), invoice.Number,
        invoice.Reference, invoice.ContactId.ToString(), invoice.ContactName, invoice.Status, invoice.IssuedOn, invoice.DueOn,
        invoice.Currency, invoice.SubTotal, invoice.TotalTax, invoice.Total, invoice.AmountDue, invoice.AmountPaid,
        invoice.FullyPaidOn, invoice.UpdatedAt, VendorUrls.XeroInvoice(invoice.InvoiceId),
        [.. invoice.Lines.Select(line => new StoredInvoiceLine(line.Description, line.Quantity, line.UnitAmount,
            line.AccountCode, line.ItemCode, line.TaxAmount, line.LineAmount))]);
}

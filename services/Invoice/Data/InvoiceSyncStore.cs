using BillingOne.BuildingBlocks.Data;
using BillingOne.BuildingBlocks.Integrations;
using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using Dapper;
using Npgsql;

namespace BillingOne.Invoice.Data;

/// <summary>A vendor's contact (a customer account) as the invoice service stores it, whichever vendor it came from.</summary>
public sealed record StoredContact(string ExternalId, string Name, string? Email, string? Status, DateTimeOffset? VendorUpdatedAt);

public sealed record StoredInvoiceLine(
    string? Description, decimal? Quantity, decimal? UnitAmount, string? AccountCode, string? ItemCode, decimal? TaxAmount,
    decimal? LineAmount);

/// <summary>A sales invoice as the invoice service stores it; <see cref="VendorStatus"/> is the vendor's own word.</summary>
public sealed record StoredInvoice(
    string ExternalId,
    string? Number,
    string? Reference,
    string ContactExternalId,
    string ContactName,
    string VendorStatus,
    DateOnly? IssuedOn,
    DateOnly? DueOn,
    string Currency,
    decimal SubTotal,
    decimal TotalTax,
    decimal Total,
    decimal AmountDue,
    decimal AmountPaid,
    DateOnly? FullyPaidOn,
    DateTimeOffset? VendorUpdatedAt,
    string? VendorUrl,
    IReadOnlyList<StoredInvoiceLine> Lines);

public sealed record InvoiceSyncChanges(SyncCounts Contacts, SyncCounts Invoices);

/// <summary>
/// Applies what one vendor's sync read (Xero or SuperOps) in one transaction: contacts and invoices (with their lines)
/// upserted under the vendor's source, an invoice's lines replaced when it changed, and
/// <see cref="VendorAccountsSnapshotted"/> listing every stored contact of that vendor through the outbox, so the
/// subscription service offers them for mapping, and <see cref="InvoiceUpserted"/> for each invoice stored or really
/// changed. Records the read did not name are left as they are.
/// </summary>
public sealed class InvoiceSyncStore(NpgsqlDataSource dataSource, IOutbox outbox, InvoiceEvents invoiceEvents, TimeProvider clock)
{
    /// <param name="source"><c>xero</c> or <c>superops</c>: the vendor the records are from.</param>
    /// <param name="alsoInTransaction">The vendor's own bookkeeping (Xero's watermark), committed with the records or not at all.</param>
    public async Task<InvoiceSyncChanges> ApplyAsync(Guid orgId, Guid runId, string source,
        IReadOnlyList<StoredContact> contacts, IReadOnlyList<StoredInvoice> invoices,
        Func<NpgsqlTransaction, DateTimeOffset, CancellationToken, Task>? alsoInTransaction, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // One apply per organization and vendor at a time, so counts and the snapshot see a settled state.
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(hashtext(@source || '-sync:' || @orgId))",
            new { source, orgId = orgId.ToString() }, transaction, cancellationToken: cancellationToken));
        var now = clock.GetUtcNow();
        var contactCounts = await UpsertContactsAsync(connection, transaction, orgId, source,
            Latest(contacts, contact => contact.ExternalId, contact => contact.VendorUpdatedAt), now, cancellationToken);
        var (invoiceCounts, changedInvoiceIds) = await UpsertInvoicesAsync(connection, transaction, orgId, source,
            Latest(invoices, invoice => invoice.ExternalId, invoice => invoice.VendorUpdatedAt), now, cancellationToken);
        await invoiceEvents.EnqueueAsync(transaction, orgId, changedInvoiceIds, cancellationToken);
        if (alsoInTransaction is not null)
        {
            await alsoInTransaction(transaction, now, cancellationToken);
        }
        var accounts = await connection.QueryAsync<(string ExternalId, string Name)>(new CommandDefinition("""
            SELECT external_id, name FROM vendor_contacts WHERE org_id = @orgId AND source = @source ORDER BY external_id
            """, new { orgId, source }, transaction, cancellationToken: cancellationToken));
        await outbox.EnqueueAsync(transaction, new VendorAccountsSnapshotted(orgId, source, runId, now,
            [.. accounts.Select(account => new VendorAccount(account.ExternalId, account.Name))]), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new InvoiceSyncChanges(contactCounts, invoiceCounts);
    }

    /// <summary>An item listed twice (it changed while pages were read) counts once, in its latest state.</summary>
    private static List<T> Latest<T>(IEnumerable<T> items, Func<T, string> keyOf, Func<T, DateTimeOffset?> updatedAt) =>
        [.. items.GroupBy(keyOf).Select(group => group.OrderByDescending(item => updatedAt(item) ?? DateTimeOffset.MinValue).First())];

    private static async Task<SyncCounts> UpsertContactsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        Guid orgId, string source, List<StoredContact> contacts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var inserted = await connection.QueryAsync<bool>(new CommandDefinition("""
            INSERT INTO vendor_contacts (org_id, source, external_id, name, email, status, vendor_updated_at, synced_at)
            SELECT @orgId, @source, listed.* , @now
            FROM unnest(@ids, @names, @emails, @statuses, @updatedAts) AS listed(id, name, email, status, updated_at)
            ON CONFLICT (org_id, source, external_id) DO UPDATE SET name = excluded.name, email = excluded.email,
                status = excluded.status, vendor_updated_at = excluded.vendor_updated_at, synced_at = excluded.synced_at
            WHERE (vendor_contacts.name, vendor_contacts.email, vendor_contacts.status)
                IS DISTINCT FROM (excluded.name, excluded.email, excluded.status)
            RETURNING xmax = 0
            """, new
        {
            orgId,
            source,
            now,
            ids = contacts.Select(contact => contact.ExternalId).ToArray(),
            names = contacts.Select(contact => contact.Name).ToArray(),
            emails = contacts.Select(contact => contact.Email).ToArray(),
            statuses = contacts.Select(contact => contact.Status).ToArray(),
            updatedAts = contacts.Select(contact => contact.VendorUpdatedAt?.UtcDateTime).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
        var flags = inserted.ToList();
        return new SyncCounts(flags.Count(added => added), flags.Count(added => !added), 0);
    }

    /// <returns>The counts, and the ids of the invoices inserted or changed (an unchanged one is not written).</returns>
    private static async Task<(SyncCounts Counts, IReadOnlyList<Guid> ChangedIds)> UpsertInvoicesAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction,
        Guid orgId, string source, List<StoredInvoice> invoices, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var written = (await connection.QueryAsync<(Guid Id, string ExternalId, bool Inserted)>(new CommandDefinition("""
            INSERT INTO invoices (org_id, id, source, external_id, number, reference, contact_external_id, contact_name,
                vendor_status, issued_on, due_on, currency, sub_total, total_tax, total, amount_due, amount_paid, fully_paid_on,
                vendor_updated_at, vendor_url, synced_at)
            SELECT @orgId, listed.new_id, @source, listed.external_id, listed.number, listed.reference, listed.contact_id,
                   listed.contact_name, listed.status, listed.issued_on, listed.due_on, listed.currency, listed.sub_total,
                   listed.total_tax, listed.total, listed.amount_due, listed.amount_paid, listed.fully_paid_on,
                   listed.updated_at, listed.url, @now
            FROM unnest(@newIds, @externalIds, @numbers, @references, @contactIds, @contactNames, @statuses, @issuedOns,
                        @dueOns, @currencies, @subTotals, @totalTaxes, @totals, @amountsDue, @amountsPaid, @fullyPaidOns,
                        @updatedAts, @urls)
                AS listed(new_id, external_id, number, reference, contact_id, contact_name, status, issued_on, due_on,
                          currency, sub_total, total_tax, total, amount_due, amount_paid, fully_paid_on, updated_at, url)
            ON CONFLICT (org_id, source, external_id) DO UPDATE SET number = excluded.number, reference = excluded.reference,
                contact_external_id = excluded.contact_external_id, contact_name = excluded.contact_name,
                vendor_status = excluded.vendor_status, issued_on = excluded.issued_on, due_on = excluded.due_on,
                currency = excluded.currency, sub_total = excluded.sub_total, total_tax = excluded.total_tax,
                total = excluded.total, amount_due = excluded.amount_due, amount_paid = excluded.amount_paid,
                fully_paid_on = excluded.fully_paid_on, vendor_updated_at = excluded.vendor_updated_at,
                vendor_url = excluded.vendor_url, synced_at = excluded.synced_at, version = invoices.version + 1
            WHERE (invoices.vendor_updated_at, invoices.vendor_status, invoices.total, invoices.amount_due,
                   invoices.amount_paid, invoices.contact_name, invoices.number, invoices.reference, invoices.due_on)
                IS DISTINCT FROM (excluded.vendor_updated_at, excluded.vendor_status, excluded.total, excluded.amount_due,
                   excluded.amount_paid, excluded.contact_name, excluded.number, excluded.reference, excluded.due_on)
            RETURNING id, external_id, xmax = 0
            """, new
        {
            orgId,
            source,
            now,
            newIds = invoices.Select(_ => Guid.CreateVersion7()).ToArray(),
            externalIds = invoices.Select(invoice => invoice.ExternalId).ToArray(),
            numbers = invoices.Select(invoice => invoice.Number).ToArray(),
            references = invoices.Select(invoice => invoice.Reference).ToArray(),
            contactIds = invoices.Select(invoice => invoice.ContactExternalId).ToArray(),
            contactNames = invoices.Select(invoice => invoice.ContactName).ToArray(),
            statuses = invoices.Select(invoice => invoice.VendorStatus).ToArray(),
            issuedOns = invoices.Select(invoice => invoice.IssuedOn).ToArray(),
            dueOns = invoices.Select(invoice => invoice.DueOn).ToArray(),
            currencies = invoices.Select(invoice => invoice.Currency).ToArray(),
            subTotals = invoices.Select(invoice => invoice.SubTotal).ToArray(),
            totalTaxes = invoices.Select(invoice => invoice.TotalTax).ToArray(),
            totals = invoices.Select(invoice => invoice.Total).ToArray(),
            amountsDue = invoices.Select(invoice => invoice.AmountDue).ToArray(),
            amountsPaid = invoices.Select(invoice => invoice.AmountPaid).ToArray(),
            fullyPaidOns = invoices.Select(invoice => invoice.FullyPaidOn).ToArray(),
            updatedAts = invoices.Select(invoice => invoice.VendorUpdatedAt?.UtcDateTime).ToArray(),
            urls = invoices.Select(invoice => invoice.VendorUrl).ToArray(),
        }, transaction, cancellationToken: cancellationToken))).ToList();

        var byExternalId = invoices.ToDictionary(invoice => invoice.ExternalId);
        var lines = written.SelectMany(row => byExternalId[row.ExternalId].Lines.Select((line, index) => (row.Id, Number: index + 1, line)))
            .ToList();
        await connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM invoice_lines WHERE org_id = @orgId AND invoice_id = ANY(@ids);
            INSERT INTO invoice_lines (org_id, invoice_id, line_number, description, quantity, unit_amount, account_code,
                item_code, tax_amount, line_amount)
            SELECT @orgId, listed.* FROM unnest(@invoiceIds, @numbers, @descriptions, @quantities, @unitAmounts,
                @accountCodes, @itemCodes, @taxAmounts, @lineAmounts)
                AS listed(invoice_id, line_number, description, quantity, unit_amount, account_code, item_code, tax_amount, line_amount)
            """, new
        {
            orgId,
            ids = written.Select(row => row.Id).ToArray(),
            invoiceIds = lines.Select(line => line.Id).ToArray(),
            numbers = lines.Select(line => line.Number).ToArray(),
            descriptions = lines.Select(line => line.line.Description).ToArray(),
            quantities = lines.Select(line => line.line.Quantity).ToArray(),
            unitAmounts = lines.Select(line => line.line.UnitAmount).ToArray(),
            accountCodes = lines.Select(line => line.line.AccountCode).ToArray(),
            itemCodes = lines.Select(line => line.line.ItemCode).ToArray(),
            taxAmounts = lines.Select(line => line.line.TaxAmount).ToArray(),
            lineAmounts = lines.Select(line => line.line.LineAmount).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
        return (new SyncCounts(written.Count(row => row.Inserted), written.Count(row => !row.Inserted), 0),
            [.. written.Select(row => row.Id)]);
    }
}

/// <summary>Where a person opens an invoice at its vendor.</summary>
public static class VendorUrls
{
    /// <summary>Xero's documented deep link to an invoice; it opens in whichever organisation the user is signed in to.</summary>
    public static string XeroInvoice(Guid invoiceId) => $"https://go.xero.com/AccountsReceivable/View.aspx?InvoiceID={invoiceId}";
}

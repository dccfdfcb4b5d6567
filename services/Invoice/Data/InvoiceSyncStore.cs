using BillingOne.BuildingBlocks.Data;
using BillingOne.BuildingBlocks.Integrations;
using BillingOne.BuildingBlocks.Messaging;
using BillingOne.Contracts.Events;
using BillingOne.Invoice.Connectors.Xero;
using Dapper;
using Npgsql;

namespace BillingOne.Invoice.Data;

/// <summary>What one Xero sync read: the contacts and invoices that changed, and whether it read everything.</summary>
/// <param name="Complete">The read reached the end of both lists with no page left unread: the next sync may read only what changes after this one started.</param>
public sealed record XeroReadResult(IReadOnlyList<XeroContact> Contacts, IReadOnlyList<XeroInvoice> Invoices, bool Complete);

public sealed record XeroSyncChanges(SyncCounts Contacts, SyncCounts Invoices);

/// <summary>
/// Applies what a Xero sync read in one transaction: contacts and invoices (with their lines) upserted, an invoice's
/// lines replaced when it changed, the incremental watermark moved to the run's start only after a complete read, and
/// <see cref="VendorAccountsSnapshotted"/> listing every stored contact through the outbox, so the subscription service
/// offers them for mapping.
/// </summary>
public sealed class XeroSyncStore(NpgsqlDataSource dataSource, IOutbox outbox, TimeProvider clock)
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

    /// <param name="startedAt">When the run began reading: the next incremental read starts there when this one is complete.</param>
    public async Task<XeroSyncChanges> ApplyAsync(Guid orgId, Guid runId, XeroReadResult read, DateTimeOffset startedAt,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(hashtext('xero-sync:' || @orgId))",
            new { orgId = orgId.ToString() }, transaction, cancellationToken: cancellationToken));
        var now = clock.GetUtcNow();
        var contacts = await UpsertContactsAsync(connection, transaction, orgId, Latest(read.Contacts, contact => contact.ContactId,
            contact => contact.UpdatedAt), now, cancellationToken);
        var invoices = await UpsertInvoicesAsync(connection, transaction, orgId, Latest(read.Invoices, invoice => invoice.InvoiceId,
            invoice => invoice.UpdatedAt), now, cancellationToken);
        if (read.Complete)
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO xero_sync_state (org_id, modified_since, updated_at) VALUES (@orgId, @startedAt, @now)
                ON CONFLICT (org_id) DO UPDATE SET modified_since = excluded.modified_since, updated_at = excluded.updated_at
                """, new { orgId, startedAt, now }, transaction, cancellationToken: cancellationToken));
        }
        var accounts = await connection.QueryAsync<(string ExternalId, string Name)>(new CommandDefinition("""
            SELECT external_id, name FROM vendor_contacts WHERE org_id = @orgId AND source = 'xero' ORDER BY external_id
            """, new { orgId }, transaction, cancellationToken: cancellationToken));
        await outbox.EnqueueAsync(transaction, new VendorAccountsSnapshotted(orgId, Source, runId, now,
            [.. accounts.Select(account => new VendorAccount(account.ExternalId, account.Name))]), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new XeroSyncChanges(contacts, invoices);
    }

    /// <summary>An item listed twice (it changed while pages were read) counts once, in its latest state.</summary>
    private static List<T> Latest<T>(IEnumerable<T> items, Func<T, Guid> keyOf, Func<T, DateTimeOffset?> updatedAt) =>
        [.. items.GroupBy(keyOf).Select(group => group.OrderByDescending(item => updatedAt(item) ?? DateTimeOffset.MinValue).First())];

    private static async Task<SyncCounts> UpsertContactsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        Guid orgId, List<XeroContact> contacts, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var inserted = await connection.QueryAsync<bool>(new CommandDefinition("""
            INSERT INTO vendor_contacts (org_id, source, external_id, name, email, status, vendor_updated_at, synced_at)
            SELECT @orgId, 'xero', listed.* , @now
            FROM unnest(@ids, @names, @emails, @statuses, @updatedAts) AS listed(id, name, email, status, updated_at)
            ON CONFLICT (org_id, source, external_id) DO UPDATE SET name = excluded.name, email = excluded.email,
                status = excluded.status, vendor_updated_at = excluded.vendor_updated_at, synced_at = excluded.synced_at
            WHERE (vendor_contacts.name, vendor_contacts.email, vendor_contacts.status)
                IS DISTINCT FROM (excluded.name, excluded.email, excluded.status)
            RETURNING xmax = 0
            """, new
        {
            orgId,
            now,
            ids = contacts.Select(contact => contact.ContactId.ToString()).ToArray(),
            names = contacts.Select(contact => contact.Name).ToArray(),
            emails = contacts.Select(contact => contact.Email).ToArray(),
            statuses = contacts.Select(contact => contact.Status).ToArray(),
            updatedAts = contacts.Select(contact => contact.UpdatedAt?.UtcDateTime).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
        var flags = inserted.ToList();
        return new SyncCounts(flags.Count(added => added), flags.Count(added => !added), 0);
    }

    private static async Task<SyncCounts> UpsertInvoicesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        Guid orgId, List<XeroInvoice> invoices, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var written = (await connection.QueryAsync<(Guid Id, string ExternalId, bool Inserted)>(new CommandDefinition("""
            INSERT INTO invoices (org_id, id, source, external_id, number, reference, contact_external_id, contact_name,
                vendor_status, issued_on, due_on, currency, sub_total, total_tax, total, amount_due, amount_paid, fully_paid_on,
                vendor_updated_at, vendor_url, synced_at)
            SELECT @orgId, listed.new_id, 'xero', listed.external_id, listed.number, listed.reference, listed.contact_id,
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
                vendor_url = excluded.vendor_url, synced_at = excluded.synced_at
            WHERE (invoices.vendor_updated_at, invoices.vendor_status, invoices.total, invoices.amount_due,
                   invoices.amount_paid, invoices.contact_name, invoices.number, invoices.reference, invoices.due_on)
                IS DISTINCT FROM (excluded.vendor_updated_at, excluded.vendor_status, excluded.total, excluded.amount_due,
                   excluded.amount_paid, excluded.contact_name, excluded.number, excluded.reference, excluded.due_on)
            RETURNING id, external_id, xmax = 0
            """, new
        {
            orgId,
            now,
            newIds = invoices.Select(_ => Guid.CreateVersion7()).ToArray(),
            externalIds = invoices.Select(invoice => invoice.InvoiceId.ToString()).ToArray(),
            numbers = invoices.Select(invoice => invoice.Number).ToArray(),
            references = invoices.Select(invoice => invoice.Reference).ToArray(),
            contactIds = invoices.Select(invoice => invoice.ContactId.ToString()).ToArray(),
            contactNames = invoices.Select(invoice => invoice.ContactName).ToArray(),
            statuses = invoices.Select(invoice => invoice.Status).ToArray(),
            issuedOns = invoices.Select(invoice => invoice.IssuedOn).ToArray(),
            dueOns = invoices.Select(invoice => invoice.DueOn).ToArray(),
            currencies = invoices.Select(invoice => invoice.Currency).ToArray(),
            subTotals = invoices.Select(invoice => invoice.SubTotal).ToArray(),
            totalTaxes = invoices.Select(invoice => invoice.TotalTax).ToArray(),
            totals = invoices.Select(invoice => invoice.Total).ToArray(),
            amountsDue = invoices.Select(invoice => invoice.AmountDue).ToArray(),
            amountsPaid = invoices.Select(invoice => invoice.AmountPaid).ToArray(),
            fullyPaidOns = invoices.Select(invoice => invoice.FullyPaidOn).ToArray(),
            updatedAts = invoices.Select(invoice => invoice.UpdatedAt?.UtcDateTime).ToArray(),
            urls = invoices.Select(invoice => VendorUrls.XeroInvoice(invoice.InvoiceId)).ToArray(),
        }, transaction, cancellationToken: cancellationToken))).ToList();

        var byExternalId = invoices.ToDictionary(invoice => invoice.InvoiceId.ToString());
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
        return new SyncCounts(written.Count(row => row.Inserted), written.Count(row => !row.Inserted), 0);
    }
}

/// <summary>Where a person opens an invoice at its vendor.</summary>
public static class VendorUrls
{
    /// <summary>Xero's documented deep link to an invoice; it opens in whichever organisation the user is signed in to.</summary>
    public static string XeroInvoice(Guid invoiceId) => $"https://go.xero.com/AccountsReceivable/View.aspx?InvoiceID={invoiceId}";
}

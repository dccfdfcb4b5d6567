-- The day an invoice was paid in full (InvoiceUpserted.FullyPaidOn), for the payment report's days-to-pay. Copies
-- stored before the invoice service sent it read as not known until it republishes them (or a rebuild replays them).
ALTER TABLE invoice_copies ADD COLUMN fully_paid_on date NULL;

-- The reports select an organization's invoices by the day they were issued.
CREATE INDEX ix_invoice_copies_issue_date ON invoice_copies (org_id, issue_date);
